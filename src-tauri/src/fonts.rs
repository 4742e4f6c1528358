//! The `fonts:` scheme: the windows load the fonts the PDFs are set in from
//! the bytes already compiled into the `pdf` crate, so each font is in the
//! package once and a name renders the same on screen and on paper,
//! whatever fonts the laptop has. Only the shipped font files are served.

use std::borrow::Cow;

use tauri::http::{Request, Response, StatusCode, header};

/// The scheme's name; the page loads `fonts://localhost/<file>` (on
/// Windows `http://fonts.localhost/<file>`).
pub const SCHEME: &str = "fonts";

/// Answers one request for a font file.
pub fn serve(request: &Request<Vec<u8>>) -> Response<Cow<'static, [u8]>> {
    let name = request.uri().path().trim_start_matches('/');
    let found = (request.method() == tauri::http::Method::GET)
        .then(|| roundtable_pdf::font_file(name))
        .flatten();
    let response = match found {
        Some(bytes) => Response::builder()
            .header(header::CONTENT_TYPE, "font/ttf")
            .header(header::CACHE_CONTROL, "max-age=31536000, immutable")
            .body(Cow::Borrowed(bytes)),
        None => Response::builder()
            .status(StatusCode::NOT_FOUND)
            .body(Cow::Borrowed(&[][..])),
    };
    response.unwrap_or_else(|_| Response::new(Cow::Borrowed(&[][..])))
}
