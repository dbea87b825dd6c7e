//! No dead ends: every link a page offers, followed as the person it was offered to, leads
//! somewhere they may go — never to "forbidden" or "not found".

use std::collections::BTreeMap;

use super::*;

/// The site's own links in `html`: `href="/…"`, entities undone, fragments dropped.
fn links(html: &str) -> Vec<String> {
    html.split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(|href| href.replace("&amp;", "&"))
        .map(|href| href.split('#').next().unwrap_or_default().to_owned())
        .filter(|href| href.starts_with('/') && !href.starts_with("//"))
        // Assets, and signing out (which would end the crawl's session).
        .filter(|href| !href.starts_with("/pkg/") && !href.starts_with("/sign-out"))
        .collect()
}

#[tokio::test]
async fn no_link_a_page_offers_is_forbidden_or_missing() {
    let server = TestServer::start().await;
    let mut dead = Vec::new();
    let mut followed = 0;
    for who in WHO {
        let client = client_for(&server, who).await;
        // Each link, with the first page that offered it.
        let mut offered: BTreeMap<String, String> = BTreeMap::new();
        for page in app::routes::PAGES.iter().filter(|p| p.access.allows(who)) {
            let path = page_path(&server, page.path);
            let html = client
                .get(server.url(&path))
                .header("accept", "text/html")
                .send()
                .await
                .unwrap()
                .text()
                .await
                .unwrap();
            for link in links(&html) {
                offered.entry(link).or_insert_with(|| path.clone());
            }
        }
        for (link, on) in &offered {
            let status = client
                .get(server.url(link))
                .header("accept", "text/html")
                .send()
                .await
                .unwrap()
                .status();
            followed += 1;
            if status == StatusCode::FORBIDDEN || status == StatusCode::NOT_FOUND {
                dead.push(format!(
                    "{who:?}: {link} (offered on {on}) answers {status}"
                ));
            }
        }
    }
    assert!(followed > 200, "only {followed} links were followed");
    assert!(dead.is_empty(), "dead ends:\n{}", dead.join("\n"));
}

#[test]
fn links_are_read_from_the_pages_markup() {
    assert_eq!(
        links(
            r##"<a href="/a?x=1&amp;y=2#top">A</a> <a href="https://x">X</a> <link href="/pkg/app.css"> <a href="#main"> <a href="/sign-out">"##
        ),
        ["/a?x=1&y=2"]
    );
}
