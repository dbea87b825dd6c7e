//! A database that cannot take writes (full, here by SQLite's `max_page_count`) gives a
//! clear, temporary refusal: 503 with what was typed kept, reads and the health check
//! answering throughout, and writing resuming by itself once there is room again.

use super::*;

async fn add_topic(client: &reqwest::Client, server: &TestServer, name: &str) -> reqwest::Response {
    client
        .post(server.url("/api/admin/topics/add"))
        .form(&[("name", name)])
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_full_database_refuses_writes_for_now_and_recovers_by_itself() {
    let server = TestServer::start().await;
    let admin = server.signed_in(Role::Admin).await;
    let pool = server.db.pool();
    let pages: i64 = sqlx::query_scalar("PRAGMA page_count")
        .fetch_one(pool)
        .await
        .unwrap();
    server.db.limit_pages(Some(pages)).await.unwrap();
    // Written until full: the last pages' spare room taken too (twenty refusals in a row).
    let (mut tried, mut refused_in_a_row) = (0, 0);
    while refused_in_a_row < 20 {
        let response = add_topic(
            &admin,
            &server,
            &format!("Topic {tried} before the disk filled"),
        )
        .await;
        tried += 1;
        assert!(tried < 5_000, "the database never filled");
        if response.status() == StatusCode::OK {
            refused_in_a_row = 0;
            continue;
        }
        assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(
            decode_error(&response.text().await.unwrap()),
            app::AppError::Unavailable
        );
        refused_in_a_row += 1;
    }

    // Four writers at once, and readers beside them: every write refused for now, every
    // read answered.
    let mut writers = Vec::new();
    for w in 0..4 {
        let (client, url) = (admin.clone(), server.url("/api/admin/topics/add"));
        writers.push(tokio::spawn(async move {
            let mut statuses = Vec::new();
            for n in 0..10 {
                let response = client
                    .post(&url)
                    .form(&[(
                        "name",
                        format!("Writer {w}, topic {n} after the disk filled"),
                    )])
                    .send()
                    .await
                    .unwrap();
                statuses.push(response.status());
            }
            statuses
        }));
    }
    for _ in 0..10 {
        let health = server
            .client()
            .get(server.url("/healthz"))
            .send()
            .await
            .unwrap();
        assert_eq!(health.status(), StatusCode::OK);
        let page = admin
            .get(server.url("/admin/topics"))
            .header("accept", "text/html")
            .send()
            .await
            .unwrap();
        assert_eq!(page.status(), StatusCode::OK);
        assert!(page
            .text()
            .await
            .unwrap()
            .contains("Topic 0 before the disk filled"));
    }
    for writer in writers {
        for status in writer.await.unwrap() {
            assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
        }
    }

    // Without JavaScript: the page says why, and gives back what was typed in a form that
    // sends it again.
    let typed = "Stop and search </textarea> in the night-time economy";
    let page = admin
        .post(server.url("/api/admin/topics/add"))
        .header("accept", "text/html")
        .header("referer", server.url("/admin/topics"))
        .form(&[("name", typed)])
        .send()
        .await
        .unwrap();
    assert_eq!(
        page.status(),
        StatusCode::SERVICE_UNAVAILABLE,
        "{:?}",
        page.headers()
    );
    let html = page.text().await.unwrap();
    assert!(html.contains("Scrutineer cannot save just now"), "{html}");
    assert!(
        html.contains("Stop and search &lt;/textarea&gt; in the night-time economy</textarea>"),
        "{html}"
    );
    assert!(html.contains("action=\"/api/admin/topics/add\""), "{html}");

    // Room again: writing resumes by itself, with no restart.
    server.db.limit_pages(None).await.unwrap();
    let resumed = add_topic(&admin, &server, typed).await;
    assert_eq!(
        resumed.status(),
        StatusCode::OK,
        "{}",
        resumed.text().await.unwrap()
    );
    let names: Vec<String> = sqlx::query_scalar("SELECT name FROM topics")
        .fetch_all(pool)
        .await
        .unwrap();
    assert!(names.iter().any(|n| n == typed));
    assert!(
        !names.iter().any(|n| n.starts_with("Writer ")),
        "a refused write was kept"
    );
    let check: String = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_one(pool)
        .await
        .unwrap();
    assert_eq!(check, "ok");
}
