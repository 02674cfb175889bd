//! A site hosted in a sub-folder works without being told where (issue 12, point 6: that is
//! why `base_path` is no longer read): every `href`, `src` and CSS `url()` of every page is
//! relative, and resolves to a file of the site when the site sits under `/sub/folder/`.

use std::collections::BTreeMap;

use crate::support::Fixture;

/// Where the site is hosted in this test.
const HOST: &str = "/sub/folder/";

/// Schemes a page may link to outside the site.
const EXTERNAL: [&str; 3] = ["https://", "http://", "mailto:"];

/// The values of `attribute="…"` in `html`.
fn attributes<'a>(html: &'a str, attribute: &str) -> Vec<&'a str> {
    let marker = format!(" {attribute}=\"");
    html.split(marker.as_str())
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .collect()
}

/// The URLs of `url(…)` in a stylesheet.
fn css_urls(css: &str) -> Vec<&str> {
    css.split("url(")
        .skip(1)
        .filter_map(|rest| rest.split(')').next())
        .map(|u| u.trim_matches(['"', '\'']))
        .collect()
}

/// Resolves `link`, written in the file `page` (a site path), as a browser does when the site
/// sits under [`HOST`]; returns the site path it names, or why it does not name one.
fn resolve(page: &str, link: &str) -> Result<String, String> {
    let link = link.replace("&amp;", "&");
    let path = link.split(['#', '?']).next().unwrap_or("");
    if path.starts_with('/') || path.contains(':') {
        return Err("not relative".into());
    }
    let mut parts: Vec<&str> = HOST.trim_matches('/').split('/').collect();
    parts.extend(page.split('/'));
    parts.pop();
    if path.is_empty() {
        return Ok(page.to_string());
    }
    for part in path.split('/') {
        match part {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            part => parts.push(part),
        }
    }
    let absolute = format!("/{}", parts.join("/"));
    let inside = absolute
        .strip_prefix(HOST)
        .ok_or_else(|| format!("leaves {HOST}: {absolute}"))?;
    if path.ends_with('/') || inside.is_empty() {
        return Ok(format!("{inside}index.html").replace("//", "/"));
    }
    Ok(inside.to_string())
}

fn check(site: &BTreeMap<String, Vec<u8>>) -> Vec<String> {
    let mut problems = Vec::new();
    let mut checked = 0;
    for (page, bytes) in site {
        let text = String::from_utf8_lossy(bytes);
        let links: Vec<&str> = if page.ends_with(".html") {
            let mut all = attributes(&text, "href");
            all.extend(attributes(&text, "src"));
            all
        } else if page.ends_with(".css") {
            css_urls(&text)
        } else {
            continue;
        };
        for link in links {
            if EXTERNAL.iter().any(|s| link.starts_with(s)) {
                continue;
            }
            checked += 1;
            match resolve(page, link) {
                Ok(target) if site.contains_key(&target) => {}
                Ok(target) => problems.push(format!("{page}: {link} → {target}: no such file")),
                Err(why) => problems.push(format!("{page}: {link}: {why}")),
            }
        }
    }
    assert!(checked > 100, "only {checked} links checked");
    problems
}

#[test]
fn a_site_in_a_sub_folder_has_only_relative_links_that_resolve() {
    let site = Fixture::new("minimal")
        .build()
        .site
        .expect("fixture builds");
    let problems = check(&site);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn a_root_relative_link_would_be_caught() {
    let mut site = Fixture::new("minimal")
        .build()
        .site
        .expect("fixture builds");
    let page = site.get_mut("index.html").unwrap();
    let html = String::from_utf8_lossy(page).replacen(" href=\"", " href=\"/", 1);
    *page = html.into_bytes();
    assert_eq!(check(&site).len(), 1);
    assert!(resolve("communes/a/index.html", "../../../x.html").is_err());
    assert_eq!(
        resolve("communes/a/index.html", "../../static/style.css"),
        Ok("static/style.css".into())
    );
}
