//! Every name legible in the window: names in fourteen scripts (Latin with
//! Polish and Vietnamese marks, Greek, Cyrillic, Arabic, Hebrew, Bengali,
//! Devanagari, Gurmukhi, Gujarati, Tamil, Ethiopic, Chinese) are drawn with
//! real glyphs from the fonts Roundtable ships, not the box a missing glyph
//! gets. Each letter is drawn on a canvas in the page's font and compared,
//! pixel for pixel, with an unassigned code point's box; the laptop's own
//! fonts (this machine has none for most of these scripts) play no part.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use roundtable_e2e::scenario;

const DRAW_EACH_LETTER: &str = r#"
const [names, done] = [arguments[0], arguments[arguments.length - 1]];
(async () => {
  for (const weight of ["400", "700"])
    for (const name of names) await document.fonts.load(`${weight} 32px "Noto Sans"`, name);
  const canvas = document.createElement("canvas");
  canvas.width = canvas.height = 64;
  const ctx = canvas.getContext("2d", { willReadFrequently: true });
  const draw = (text, weight) => {
    ctx.clearRect(0, 0, 64, 64);
    ctx.font = `${weight} 32px "Noto Sans"`;
    ctx.fillText(text, 8, 44);
    return Array.from(ctx.getImageData(0, 0, 64, 64).data).join(",");
  };
  const boxed = [];
  for (const weight of ["400", "700"]) {
    const box = draw("\u0378", weight);
    for (const name of names)
      for (const letter of name)
        if (/\p{L}/u.test(letter) && draw(letter, weight) === box) boxed.push(`${letter} (${name}, ${weight})`);
  }
  const loaded = [...document.fonts].filter((f) => f.status === "loaded").length;
  done(JSON.stringify({ boxed, loaded }));
})().catch((e) => done(JSON.stringify({ error: String(e) })));
"#;

#[tokio::test]
async fn names_in_every_script_are_drawn_with_real_glyphs() {
    scenario("scripts", |h| async move {
        h.heading("Set up Roundtable").await;
        let names: Vec<&str> = roundtable_pdf::SAMPLE_NAMES.to_vec();
        let result = h
            .client
            .execute_async(DRAW_EACH_LETTER, vec![serde_json::json!(names)])
            .await
            .unwrap();
        let result: serde_json::Value =
            serde_json::from_str(result.as_str().unwrap()).unwrap();
        assert!(result.get("error").is_none(), "{result}");
        assert_eq!(
            result["boxed"],
            serde_json::json!([]),
            "letters drawn as the missing-glyph box"
        );
        assert!(
            result["loaded"].as_u64().unwrap() >= 20,
            "the script faces were loaded: {result}"
        );
        // A page a person sees: the names in a list, in the real window.
        let html = names
            .iter()
            .map(|n| format!("<li>{n}</li>"))
            .collect::<String>();
        h.client
            .execute(
                "const main = document.querySelector('main'); const ul = document.createElement('ul'); ul.setAttribute('data-testid', 'scripts'); ul.innerHTML = arguments[0]; main.prepend(ul);",
                vec![serde_json::json!(html)],
            )
            .await
            .unwrap();
        h.screenshot("scripts").await;
        h
    })
    .await;
}

/// How many of the page's faces have been loaded.
const LOADED_FACES: &str = r#"
const faces = [...document.fonts];
return [faces.filter((f) => f.status === "loaded").length, faces.length];
"#;

/// A few seconds after the start every face is loaded, before any name needs
/// it: the first Chinese or Bengali name of a meeting must not wait for its
/// font to be read.
#[tokio::test]
async fn every_face_is_loaded_before_a_name_needs_it() {
    scenario("fonts-warm", |h| async move {
        h.heading("Set up Roundtable").await;
        let start = std::time::Instant::now();
        loop {
            let counts = h.client.execute(LOADED_FACES, vec![]).await.unwrap();
            let (loaded, all) = (counts[0].as_u64().unwrap(), counts[1].as_u64().unwrap());
            if all >= 20 && loaded == all {
                break;
            }
            assert!(
                start.elapsed() < std::time::Duration::from_secs(30),
                "{loaded} of {all} faces loaded 30 s after the start"
            );
            tokio::time::sleep(std::time::Duration::from_millis(250)).await;
        }
        h
    })
    .await;
}
