//! The HTTP side: exact routes only (no file serving, so nothing to list or traverse), a guard on
//! every request (rate, host, content type, size, time, security headers), and handlers that
//! forward to the writer.

use super::page::{self, lang_of, texts};
use super::writer::{Action, Command, PageKind, Refusal, Signed};
use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{ConnectInfo, DefaultBodyLimit, Path, Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde::Deserialize;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, mpsc};
use std::time::Duration;
use tokio::sync::oneshot;

const APP_JS: &str = include_str!("assets/app.js");
const HMAC_JS: &str = include_str!("assets/hmac.js");
const STYLE_CSS: &str = include_str!("assets/style.css");

/// CSP: only our own script and style, no frames, no forms posting elsewhere.
const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; \
                   frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/// Limits of the server (defaults in `super::Config`).
#[derive(Clone, Debug)]
pub struct Limits {
    pub body_bytes: usize,
    pub request_timeout: Duration,
}

#[derive(Clone)]
pub struct App {
    pub commands: mpsc::Sender<Command>,
    pub epoch: Arc<str>,
    /// The Host header a request must carry (the address the links name): a page of another site
    /// that resolves its own name to this address (DNS rebinding) is refused.
    pub host: Arc<str>,
    pub limits: Limits,
    pub buckets: Arc<super::rate::Buckets>,
}

/// A refused request costs this many tokens: guessing keys is slow.
const REFUSAL_COST: f64 = 10.0;

impl App {
    fn take(&self, ip: IpAddr, cost: f64) -> bool {
        self.buckets.take(ip, cost)
    }
}

pub fn router(app: App) -> Router {
    let body_limit = app.limits.body_bytes;
    Router::new()
        .route("/", get(index))
        .route("/m/{member}", get(member_page))
        .route("/app.js", get(|| async { asset(APP_JS, "text/javascript; charset=utf-8") }))
        .route("/hmac.js", get(|| async { asset(HMAC_JS, "text/javascript; charset=utf-8") }))
        .route("/style.css", get(|| async { asset(STYLE_CSS, "text/css; charset=utf-8") }))
        .route("/api/hello", get(hello))
        .route("/api/m/{member}/{action}", post(api))
        .fallback(not_found)
        .layer(DefaultBodyLimit::max(body_limit))
        .layer(middleware::from_fn_with_state(app.clone(), guard))
        .with_state(app)
}

fn asset(text: &'static str, kind: &'static str) -> Response {
    ([(header::CONTENT_TYPE, kind)], text).into_response()
}

fn html(status: StatusCode, body: String) -> Response {
    (status, [(header::CONTENT_TYPE, "text/html; charset=utf-8")], body).into_response()
}

fn refusal(r: &Refusal) -> Response {
    let status = StatusCode::from_u16(r.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let body = serde_json::json!({ "error": r.code, "message": r.message });
    (status, [(header::CONTENT_TYPE, "application/json")], body.to_string()).into_response()
}

async fn not_found(uri: Uri) -> Response {
    let lang = lang_of(uri.query());
    html(StatusCode::NOT_FOUND, page::notice_page(texts(lang).unknown, lang))
}

async fn index(uri: Uri) -> Response {
    let lang = lang_of(uri.query());
    html(StatusCode::OK, page::notice_page(texts(lang).no_key, lang))
}

async fn hello(State(app): State<App>) -> Response {
    let body = serde_json::json!({ "epoch": &*app.epoch });
    ([(header::CONTENT_TYPE, "application/json")], body.to_string()).into_response()
}

async fn ask<T>(app: &App, make: impl FnOnce(oneshot::Sender<T>) -> Command) -> Option<T> {
    let (tx, rx) = oneshot::channel();
    app.commands.send(make(tx)).ok()?;
    rx.await.ok()
}

async fn member_page(State(app): State<App>, Path(member): Path<String>, uri: Uri) -> Response {
    let lang = lang_of(uri.query());
    match ask(&app, |tx| Command::Page(member.clone(), tx)).await {
        Some(PageKind::Open) => html(StatusCode::OK, page::member_page(&member, lang)),
        Some(PageKind::Locked) => html(StatusCode::LOCKED, page::notice_page(texts(lang).closed, lang)),
        _ => html(StatusCode::NOT_FOUND, page::notice_page(texts(lang).unknown, lang)),
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ChoiceBody {
    dossier: String,
    criterion: String,
    option: u8,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CommentBody {
    dossier: String,
    #[serde(default)]
    comment: String,
}

/// The action a path and body ask for, or why they are not one.
fn action(name: &str, body: &[u8]) -> Result<Action, Refusal> {
    let bad = |e: serde_json::Error| Refusal::new(400, "bad_request", e.to_string());
    Ok(match name {
        "state" => Action::State,
        "choice" => {
            let b: ChoiceBody = serde_json::from_slice(body).map_err(bad)?;
            Action::Choice { dossier: b.dossier, criterion: b.criterion, option: b.option }
        }
        "comment" => {
            let b: CommentBody = serde_json::from_slice(body).map_err(bad)?;
            Action::Comment { dossier: b.dossier, comment: b.comment }
        }
        "submit" => {
            let b: CommentBody = serde_json::from_slice(body).map_err(bad)?;
            Action::Submit { dossier: b.dossier, comment: b.comment }
        }
        _ => return Err(Refusal::new(404, "unknown", "?")),
    })
}

fn header_text<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

async fn api(
    State(app): State<App>,
    Path((member, name)): Path<(String, String)>,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let lang = match header_text(&headers, "x-ocop-lang") {
        Some("en") => crate::lang::Lang::En,
        _ => crate::lang::Lang::Vi,
    };
    let fields = (
        header_text(&headers, "x-ocop-device"),
        header_text(&headers, "x-ocop-epoch"),
        header_text(&headers, "x-ocop-counter").and_then(|c| c.parse::<u64>().ok()),
        header_text(&headers, "x-ocop-mac"),
    );
    let (Some(device), Some(epoch), Some(counter), Some(mac)) = fields else {
        return refusal(&Refusal::new(401, "no_key", texts(lang).no_key));
    };
    if !super::auth::valid_device(device) {
        return refusal(&Refusal::new(401, "no_key", texts(lang).no_key));
    }
    let action = match action(&name, &body) {
        Ok(a) => a,
        Err(r) => return refusal(&r),
    };
    let signed = Signed {
        member,
        device: device.into(),
        epoch: epoch.into(),
        counter,
        mac: mac.into(),
        path: uri.path().to_string(),
        body: body.to_vec(),
        lang,
    };
    match ask(&app, |tx| Command::Member(signed, action, tx)).await {
        Some(Ok(value)) => ([(header::CONTENT_TYPE, "application/json")], value.to_string()).into_response(),
        Some(Err(r)) => refusal(&r),
        None => StatusCode::SERVICE_UNAVAILABLE.into_response(),
    }
}

/// Every request: rate, host, method and content type, declared size, time; then the headers
/// every answer carries.
async fn guard(
    State(app): State<App>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    request: Request,
    next: Next,
) -> Response {
    let mut response = match precheck(&app, peer.ip(), &request) {
        Some(refused) => refused,
        None => match tokio::time::timeout(app.limits.request_timeout, next.run(request)).await {
            Ok(response) => response,
            Err(_) => StatusCode::REQUEST_TIMEOUT.into_response(),
        },
    };
    if matches!(response.status(), StatusCode::UNAUTHORIZED | StatusCode::CONFLICT | StatusCode::NOT_FOUND) {
        app.take(peer.ip(), REFUSAL_COST);
    }
    secure(response.headers_mut());
    response
}

fn precheck(app: &App, ip: IpAddr, request: &Request<Body>) -> Option<Response> {
    if !app.take(ip, 1.0) {
        return Some((StatusCode::TOO_MANY_REQUESTS, [(header::RETRY_AFTER, "2")]).into_response());
    }
    // One Host, ours, and no other authority in an absolute-form target (`GET http://other/…`):
    // with two Hosts, or a target naming another, which one counts depends on who reads it.
    let mut hosts = request.headers().get_all(header::HOST).iter();
    let host = hosts.next().and_then(|h| h.to_str().ok());
    let target = request.uri().authority().is_none_or(|a| a.as_str() == &*app.host);
    if host != Some(&*app.host) || hosts.next().is_some() || !target {
        return Some(StatusCode::MISDIRECTED_REQUEST.into_response());
    }
    match *request.method() {
        Method::GET => None,
        Method::POST => {
            let kind = request.headers().get(header::CONTENT_TYPE).and_then(|h| h.to_str().ok()).unwrap_or("");
            let essence = kind.split(';').next().unwrap_or("").trim();
            if !essence.eq_ignore_ascii_case("application/json") {
                return Some(StatusCode::UNSUPPORTED_MEDIA_TYPE.into_response());
            }
            let declared = request.headers().get(header::CONTENT_LENGTH).and_then(|h| h.to_str().ok());
            if declared.and_then(|d| d.parse::<usize>().ok()).is_some_and(|n| n > app.limits.body_bytes) {
                return Some(StatusCode::PAYLOAD_TOO_LARGE.into_response());
            }
            None
        }
        _ => Some(StatusCode::METHOD_NOT_ALLOWED.into_response()),
    }
}

fn secure(headers: &mut HeaderMap) {
    let set = [
        (header::CONTENT_SECURITY_POLICY, CSP),
        (header::CACHE_CONTROL, "no-store"),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::REFERRER_POLICY, "no-referrer"),
        (header::HeaderName::from_static("cross-origin-resource-policy"), "same-origin"),
    ];
    for (name, value) in set {
        headers.insert(name, HeaderValue::from_static(value));
    }
}
