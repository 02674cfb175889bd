//! Same input, same bytes: builds from two different absolute paths are identical.

use crate::support::Fixture;

#[test]
fn two_builds_from_different_paths_are_byte_identical() {
    let a = Fixture::new("minimal").build().site.expect("builds");
    let b = Fixture::new("minimal").build().site.expect("builds");
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (path, bytes) in &a {
        assert!(b[path] == *bytes, "{path} differs between the two builds");
    }
}

#[test]
fn output_holds_no_absolute_path() {
    let fixture = Fixture::new("minimal");
    let site = fixture.build().site.expect("builds");
    let root = fixture.root.to_string_lossy().to_string();
    for (path, bytes) in &site {
        let text = String::from_utf8_lossy(bytes);
        assert!(
            !text.contains(&root),
            "{path} contains the absolute path {root}"
        );
    }
}
