use super::settle::next_version;
use super::text::md;

#[test]
fn methodology_text_cannot_inject_markdown_or_html_into_a_comment() {
    assert_eq!(
        md("![x](http://t/p.png) <img> | a_b"),
        "\\!\\[x\\](http://t/p.png) &lt;img&gt; \\| a\\_b"
    );
    // Ids in code spans stay readable; a pipe is escaped even there (table cells).
    assert_eq!(md("`cost_bands:` et `a|b`"), "`cost_bands:` et `a\\|b`");
    assert_eq!(md("deux\nlignes"), "deux lignes");
}

#[test]
fn the_next_version_is_the_first_free_minor() {
    assert_eq!(next_version("1.3", &["1.3".into()]), "1.4");
    assert_eq!(next_version("1.3", &["1.3".into(), "1.4".into()]), "1.5");
    assert_eq!(next_version("2", &[]), "2.1");
    assert_eq!(next_version("1.2.9", &[]), "1.2.10");
}
