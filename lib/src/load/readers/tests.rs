use super::html::html;
use super::markdown::markdown;
use super::office::{docx, odt, xml_text, Body};
use super::*;
use crate::load::doctext::normalise;

#[test]
fn html_loses_tags_scripts_and_entities() {
    let Raw::Text(t) = html(
        b"<p>Issued&nbsp;1&nbsp;March 2026 &amp; <b>valid</b></p><script>x<1</script><!-- no -->ok &#x41;",
    ) else {
        panic!()
    };
    assert_eq!(normalise(&t), "issued 1 march 2026 & valid ok a");
}

const PHRASE: &str = "iso/iec 42001";

fn text(raw: Raw) -> String {
    match raw {
        Raw::Text(t) => normalise(&t),
        other => panic!("no text: {other:?}"),
    }
}

/// Every fixture of tests/fixtures/hidden: the phrase is read from the controls only, and
/// the visible text of every file is read.
#[test]
fn hidden_fixtures_hide_the_phrase_and_controls_show_it() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/hidden");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let bytes = std::fs::read(&path).unwrap();
        let raw = match path.extension().and_then(|e| e.to_str()) {
            Some("html") => html(&bytes),
            Some("md") => markdown(&bytes),
            Some("docx") => docx(&bytes),
            Some("odt") => odt(&bytes),
            _ => continue,
        };
        seen += 1;
        let t = text(raw);
        assert!(t.contains("larkspur"), "{name}: visible text lost: {t}");
        if name.contains("control") {
            assert!(
                t.contains(PHRASE),
                "{name}: the visible phrase is not read: {t}"
            );
        } else {
            assert!(!t.contains(PHRASE), "{name}: hidden text is read: {t}");
        }
    }
    assert!(seen >= 28, "only {seen} fixtures");
}

/// Each `(source, hidden)`: the phrase is in the text exactly when not `hidden`, and the
/// word `after`, which follows every snippet, is always read.
fn check(read: fn(&[u8]) -> Raw, cases: &[(&str, bool)]) {
    for (source, hidden) in cases {
        let t = text(read(source.as_bytes()));
        assert_eq!(!t.contains(PHRASE), *hidden, "{source:?} read as {t:?}");
        assert!(t.contains("after"), "{source:?} lost what follows: {t:?}");
    }
}

#[test]
fn html_leaves_out_each_kind_of_hidden_text() {
    check(
        html,
        &[
            ("<!-- ISO/IEC 42001 -->after", true),
            ("<!--\nISO/IEC 42001\n--!>after", true),
            ("<head><title>ISO/IEC 42001</title></head><body>after", true),
            (
                "<html><head><meta name=x content=y>ISO/IEC 42001 after",
                false,
            ),
            ("<html><head><title>ISO/IEC 42001</title><p>after", true),
            ("<script>a = '</p>ISO/IEC 42001'</script >after", true),
            (
                "<style>p{}</style><p>ISO/IEC 42001<style>x</STYLE>after",
                false,
            ),
            (
                "<Style type=text/css>/* ISO/IEC 42001 */</style>after",
                true,
            ),
            ("<template><p>ISO/IEC 42001</template>after", true),
            ("<noscript>ISO/IEC 42001</noscript>after", true),
            ("<iframe>ISO/IEC 42001</iframe>after", true),
            ("<svg><title>ISO/IEC 42001</title></svg>after", true),
            ("<svg><desc>ISO/IEC <b>42001</b></desc></svg>after", true),
            ("<svg><title/><text>ISO/IEC 42001</text></svg>after", false),
            ("<div hidden>ISO/IEC 42001</div>after", true),
            ("<div hidden=hidden><p>ISO/IEC 42001<p>x</div>after", true),
            ("<div title='a>b' hidden>ISO/IEC 42001</div>after", true),
            ("<div hidden/>ISO/IEC 42001</div>after", true),
            ("<p hidden>ISO/IEC 42001<p>after", true),
            ("<div style=display:none>ISO/IEC 42001</div>after", true),
            (
                "<div style=\"display : NONE\">ISO/IEC 42001</div>after",
                true,
            ),
            (
                "<div style='display:none!important'>ISO/IEC 42001</div>after",
                true,
            ),
            ("<i style='display:/**/none'>ISO/IEC 42001</i>after", true),
            ("<i style='\\64 isplay:none'>ISO/IEC 42001</i>after", true),
            ("<i style='display&#58;none'>ISO/IEC 42001</i>after", true),
            (
                "<i style='display:none;display:inline'>ISO/IEC 42001</i>after",
                false,
            ),
            (
                "<i style='display:none!important;display:inline'>ISO/IEC 42001</i>after",
                true,
            ),
            ("<i style='visibility:hidden'>ISO/IEC 42001</i>after", true),
            (
                "<i style='VISIBILITY: Hidden;'>ISO/IEC 42001</i>after",
                true,
            ),
            (
                "<i style='visibility:visible'>ISO/IEC 42001</i>after",
                false,
            ),
            ("<i style='font-size:0'>ISO/IEC 42001</i>after", true),
            ("<i style='font-size:0px'>ISO/IEC 42001</i>after", true),
            ("<i style='font-size: 0pt'>ISO/IEC 42001</i>after", true),
            ("<i style='font-size:0em'>ISO/IEC 42001</i>after", true),
            ("<i style='font-size:0.9em'>ISO/IEC 42001</i>after", false),
            ("<i style='font-size:10px'>ISO/IEC 42001</i>after", false),
            (
                "<i data-hidden class=hidden aria-hidden=true>ISO/IEC 42001</i>after",
                false,
            ),
            ("<div hidden><span>x</div>ISO/IEC 42001 after", false),
            ("<p>1 < 2 ISO/IEC 42001 after", false),
        ],
    );
}

/// An end tag closes an element only where a browser would: a misnested tag cannot end a
/// hidden element early.
#[test]
fn html_end_tags_close_only_what_a_browser_closes() {
    let read = |s: &str| text(html(s.as_bytes()));
    for hidden in [
        "<span hidden><div></span>ISO/IEC 42001</div>",
        "<div hidden><table><tr><td></div>ISO/IEC 42001",
        "<svg><desc><span></desc>ISO/IEC 42001",
        "<div hidden></p></span>ISO/IEC 42001",
    ] {
        assert!(!read(hidden).contains(PHRASE), "{hidden}");
    }
    for shown in [
        "<b hidden>x</b>ISO/IEC 42001",
        "<template><div></template>ISO/IEC 42001",
        "<div hidden><p><span>x</div>ISO/IEC 42001",
        "<ul><li hidden>x<li>ISO/IEC 42001</ul>",
        "<svg style=display:none><g></svg>ISO/IEC 42001",
        "<div hidden><svg><g></div>ISO/IEC 42001",
        "<head><title>t</title></head><head>ISO/IEC 42001",
    ] {
        assert!(read(shown).contains(PHRASE), "{shown}");
    }
}

#[test]
fn html_nested_too_deep_is_still_not_a_document() {
    let deep = "<div>".repeat(MAX_HTML_DEPTH as usize + 1);
    assert!(matches!(html(deep.as_bytes()), Raw::Broken(_)));
    let deep = "<div>".repeat(MAX_HTML_DEPTH as usize - 1) + "ok";
    assert!(matches!(html(deep.as_bytes()), Raw::Text(t) if t.contains("ok")));
}

#[test]
fn markdown_leaves_out_comments_and_link_reference_definitions() {
    check(
        markdown,
        &[
            ("<!-- ISO/IEC 42001 -->\nafter", true),
            ("a <!-- ISO/IEC\n42001 --> after", true),
            ("[//]: # (ISO/IEC 42001)\nafter", true),
            ("[//]: # \"ISO/IEC 42001\"\nafter", true),
            ("[comment]: <> (ISO/IEC 42001)\nafter", true),
            ("   [x]: <> 'ISO/IEC 42001'  \nafter", true),
            ("[x]:\n#\n\"ISO/IEC\n42001\"\nafter", true),
            ("[x]: https://example.org/x\r\nISO/IEC 42001 after", false),
            ("[//]: # (ISO/IEC 42001) trailing words\nafter", false),
            ("[//]: # (ISO/IEC 42001\n\nafter", false),
            ("    [//]: # (ISO/IEC 42001)\nafter", false),
            ("[]: # (ISO/IEC 42001)\nafter", false),
            ("[//]: # (ISO/IEC 42001)\n[//]: # (x)\nafter", true),
            (
                "ISO/IEC 42001 [see][c]\n\n[c]: https://example.org \"title\"\nafter",
                false,
            ),
        ],
    );
}

fn docx_body(xml: &[u8]) -> Raw {
    let doc = format!(
        "<w:document xmlns:w=\"w\"><w:body>{}</w:body></w:document>",
        String::from_utf8_lossy(xml)
    );
    xml_text(doc.as_bytes(), "word/document.xml", Body::Docx)
}

#[test]
fn docx_leaves_out_vanished_deleted_and_instruction_text() {
    let r = |props: &str, t: &str| format!("<w:r><w:rPr>{props}</w:rPr><w:t>{t}</w:t></w:r>");
    let cases: Vec<(String, bool)> = vec![
        (r("<w:vanish/>", "ISO/IEC 42001") + &r("", "after"), true),
        (
            r("<w:b/><w:vanish w:val='true'/>", "ISO/IEC 42001") + &r("", "after"),
            true,
        ),
        (
            r("<w:vanish></w:vanish>", "ISO/IEC 42001") + &r("", "after"),
            true,
        ),
        (
            r("<w:specVanish/>", "ISO/IEC 42001") + &r("", "after"),
            true,
        ),
        (
            r("<w:vanish w:val='0'/>", "ISO/IEC 42001") + &r("", "after"),
            false,
        ),
        (
            r("<w:vanish w:val='false'/>", "ISO/IEC 42001") + &r("", "after"),
            false,
        ),
        (
            r("<w:vanish w:val='off'/>", "ISO/IEC 42001") + &r("", "after"),
            false,
        ),
        (
            "<w:p><w:pPr><w:rPr><w:vanish/></w:rPr></w:pPr>".to_string()
                + &r("", "ISO/IEC 42001 after")
                + "</w:p>",
            false,
        ),
        (
            r(
                "<w:rPrChange><w:rPr><w:vanish/></w:rPr></w:rPrChange>",
                "ISO/IEC 42001",
            ) + &r("", "after"),
            false,
        ),
        (
            "<w:del><w:r><w:delText>ISO/IEC 42001</w:delText></w:r></w:del>".to_string()
                + &r("", "after"),
            true,
        ),
        (
            "<w:del><w:r><w:t>ISO/IEC 42001</w:t></w:r></w:del>".to_string() + &r("", "after"),
            true,
        ),
        (
            "<w:moveFrom><w:r><w:t>ISO/IEC 42001</w:t></w:r></w:moveFrom>".to_string()
                + &r("", "after"),
            true,
        ),
        (
            "<w:ins><w:r><w:t>ISO/IEC 42001</w:t></w:r></w:ins>".to_string() + &r("", "after"),
            false,
        ),
        (
            "<w:r><w:instrText>ISO/IEC 42001</w:instrText></w:r>".to_string() + &r("", "after"),
            true,
        ),
        (
            "<w:r><w:commentReference w:id='0'/></w:r>".to_string() + &r("", "ISO/IEC 42001 after"),
            false,
        ),
        // Another prefix for the same namespace.
        (
            "<x:r xmlns:x='w'><x:rPr><x:vanish/></x:rPr><x:t>ISO/IEC 42001</x:t></x:r>".to_string()
                + &r("", "after"),
            true,
        ),
    ];
    for (xml, hidden) in &cases {
        let t = text(docx_body(xml.as_bytes()));
        assert_eq!(!t.contains(PHRASE), *hidden, "{xml} read as {t:?}");
        assert!(t.contains("after"), "{xml} lost what follows: {t:?}");
    }
}

fn odt_body(styles: &str, body: &str) -> String {
    let xml = format!(
        "<office:document-content xmlns:office='o' xmlns:style='s' xmlns:text='t' \
         xmlns:fo='f' xmlns:svg='v' xmlns:draw='d'><office:automatic-styles>{styles}\
         </office:automatic-styles><office:body><office:text>{body}<text:p>after</text:p>\
         </office:text></office:body></office:document-content>"
    );
    text(xml_text(xml.as_bytes(), "content.xml", Body::Odt))
}

#[test]
fn odt_leaves_out_hidden_annotated_deleted_and_undisplayed_text() {
    let style = |name: &str, family: &str, props: &str| {
        format!(
            "<style:style style:name='{name}' style:family='{family}'>\
             <style:text-properties {props}/></style:style>"
        )
    };
    let hidden_t1 = style("T1", "text", "text:display='none'");
    let cases: Vec<(String, String, bool)> = vec![
        (
            String::new(),
            "<text:p>x<text:hidden-text text:condition='c'>ISO/IEC 42001</text:hidden-text></text:p>".into(),
            true,
        ),
        (
            String::new(),
            "<text:p>ISO/IEC 42001<text:hidden-paragraph text:condition='c'/></text:p>".into(),
            true,
        ),
        (
            String::new(),
            "<text:p><office:annotation><text:p>ISO/IEC 42001</text:p></office:annotation>x\
             <office:annotation-end/></text:p>"
                .into(),
            true,
        ),
        (
            String::new(),
            "<text:tracked-changes><text:changed-region><text:deletion><text:p>ISO/IEC 42001\
             </text:p></text:deletion></text:changed-region></text:tracked-changes>"
                .into(),
            true,
        ),
        (
            String::new(),
            "<draw:frame><svg:title>ISO/IEC 42001</svg:title><svg:desc>ISO/IEC 42001</svg:desc></draw:frame>".into(),
            true,
        ),
        (
            String::new(),
            "<text:section text:display='none'><text:p>ISO/IEC 42001</text:p></text:section>".into(),
            true,
        ),
        (
            hidden_t1.clone(),
            "<text:p><text:span text:style-name='T1'>ISO/IEC 42001</text:span></text:p>".into(),
            true,
        ),
        (
            style("P1", "paragraph", "fo:display='none'"),
            "<text:p text:style-name='P1'>ISO/IEC 42001</text:p>".into(),
            true,
        ),
        (
            hidden_t1.clone()
                + "<style:style style:name='T2' style:family='text' style:parent-style-name='T1'/>",
            "<text:p><text:span text:style-name='T2'>ISO/IEC 42001</text:span></text:p>".into(),
            true,
        ),
        (
            hidden_t1.clone(),
            "<text:p text:style-name='T1'>ISO/IEC 42001</text:p>".into(),
            false,
        ),
        (
            style("T1", "text", "text:display='true'"),
            "<text:p><text:span text:style-name='T1'>ISO/IEC 42001</text:span></text:p>".into(),
            false,
        ),
        (
            String::new(),
            "<text:p><text:title>ISO/IEC 42001</text:title></text:p>".into(),
            false,
        ),
    ];
    for (styles, body, hidden) in &cases {
        let t = odt_body(styles, body);
        assert_eq!(!t.contains(PHRASE), *hidden, "{styles}{body} read as {t:?}");
        assert!(t.contains("after"), "{body} lost what follows: {t:?}");
    }
}
