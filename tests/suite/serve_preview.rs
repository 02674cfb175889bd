//! Issue 11: `parcours serve` started the way a user starts it, the real binary run from the
//! repository folder with the default root (or a relative `--root`), rebuilds on every save,
//! shows a standing error once, and does not spin when it runs out of file descriptors.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::incremental::edit;
use crate::support::{Fixture, TempDir};

/// How long a rebuild may take to show up on a shared machine.
const WAIT: Duration = Duration::from_secs(30);

/// A `parcours serve` process, stopped on drop; its standard error is collected.
struct Preview {
    child: Child,
    addr: SocketAddr,
    log: Arc<Mutex<String>>,
}

impl Preview {
    /// Runs `parcours <args> serve --port 0` in `dir`, e.g. with no `--root` at all.
    fn launch(dir: &Path, args: &[&str]) -> Preview {
        Preview::launch_with(dir, env!("CARGO_BIN_EXE_parcours"), args)
    }

    fn launch_with(dir: &Path, program: &str, args: &[&str]) -> Preview {
        let mut child = Command::new(program)
            .current_dir(dir)
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let log = Arc::new(Mutex::new(String::new()));
        let stderr = child.stderr.take().unwrap();
        let sink = log.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                let mut log = sink.lock().unwrap();
                log.push_str(&line);
                log.push('\n');
            }
        });
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let url = line
            .split_whitespace()
            .find(|w| w.starts_with("http://"))
            .unwrap_or_else(|| panic!("no URL printed: {line} {}", log.lock().unwrap()));
        let addr = url
            .trim_start_matches("http://")
            .trim_end_matches('/')
            .parse()
            .unwrap();
        Preview { child, addr, log }
    }

    fn get(&self, target: &str) -> (u16, String) {
        get(self.addr, target)
    }

    /// The generation the page at `target` was served at (`data-generation`).
    fn generation(&self, target: &str) -> u64 {
        let (_, body) = self.get(target);
        let at = body.find("data-generation=\"").expect("the reload script") + 17;
        body[at..].split('"').next().unwrap().parse().unwrap()
    }

    /// Fetches `target` until `done` holds for its body; returns it and the time it took.
    fn wait_for(&self, target: &str, what: &str, done: impl Fn(&str) -> bool) -> Duration {
        let start = Instant::now();
        loop {
            let (_, body) = self.get(target);
            if done(&body) {
                return start.elapsed();
            }
            assert!(
                start.elapsed() < WAIT,
                "{what}: not seen within {WAIT:?}; log:\n{}",
                self.log()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }
}

impl Drop for Preview {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Sends one GET as a browser would (with `Host`) and returns the status and the body.
pub fn get(addr: SocketAddr, target: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "GET {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response);
    let response = String::from_utf8_lossy(&response).to_string();
    let status = response
        .get(9..12)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = response
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    (status, body)
}

const AUDIT: &str = "communes/valdor/audits/2025-04.yaml";
const PAGE: &str = "/communes/valdor/2025-04/";

#[test]
fn issue_11_serve_from_the_repository_folder_rebuilds_on_every_save() {
    let fixture = Fixture::new("minimal");
    let root = &fixture.root;
    let preview = Preview::launch(root, &["serve", "--port", "0"]);
    assert_eq!(preview.get(PAGE).0, 200, "{}", preview.log());

    edit(
        root,
        AUDIT,
        "Annuaire en ligne revu",
        "Annuaire SAUVE-1 revu",
    );
    preview.wait_for(PAGE, "an audit edit", |b| b.contains("SAUVE-1"));
    edit(
        root,
        "communes/valdor/commune.yaml",
        "Val-d'Or",
        "Val-RENOMME",
    );
    preview.wait_for("/", "a commune's new name", |b| b.contains("Val-RENOMME"));
    edit(
        root,
        "parcours.toml",
        "Parcours — essai",
        "Parcours SAUVE-2",
    );
    preview.wait_for("/", "a configuration edit", |b| {
        b.contains("Parcours SAUVE-2")
    });
    let builds = preview.log().matches("reconstruit en").count();
    let chapter = root.join("content/handbook/glossaire.md");
    let text = std::fs::read_to_string(&chapter).unwrap();
    std::fs::write(&chapter, format!("{text}\nParagraphe SAUVE-3.\n")).unwrap();
    let start = Instant::now();
    while preview.log().matches("reconstruit en").count() == builds {
        assert!(start.elapsed() < WAIT, "a chapter edit: {}", preview.log());
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(
        preview.log().contains("modifié : content/handbook/"),
        "paths are shown relative to the repository:\n{}",
        preview.log()
    );
}

#[test]
fn issue_11_serve_with_a_relative_root_rebuilds_on_every_save() {
    let fixture = Fixture::new("minimal");
    let root = &fixture.root;
    let parent = root.parent().unwrap();
    let folder = root.file_name().unwrap().to_str().unwrap();
    let preview = Preview::launch(parent, &["--root", folder, "serve", "--port", "0"]);
    assert_eq!(preview.get(PAGE).0, 200, "{}", preview.log());
    edit(
        root,
        AUDIT,
        "Annuaire en ligne revu",
        "Annuaire RELATIF revu",
    );
    preview.wait_for(PAGE, "an audit edit", |b| b.contains("RELATIF"));
}

#[test]
fn issue_11_a_standing_error_is_built_and_shown_once_not_in_a_loop() {
    let fixture = Fixture::new("minimal");
    let root = &fixture.root;
    let preview = Preview::launch(root, &["serve", "--port", "0"]);
    edit(root, AUDIT, "score: 3,", "score: 9,");
    preview.wait_for(PAGE, "the overlay", |b| {
        b.contains("id=\"parcours-erreurs\"")
    });
    let generation = preview.generation(PAGE);
    // Open pages hear about it once; serving pages reads nothing from the disk anyway.
    std::thread::sleep(Duration::from_secs(2));
    for _ in 0..5 {
        preview.get(PAGE);
    }
    assert_eq!(
        preview.generation(PAGE),
        generation,
        "the preview rebuilt with no change; log:\n{}",
        preview.log()
    );
    assert_eq!(
        preview.log().matches("échec de la reconstruction").count(),
        1,
        "{}",
        preview.log()
    );
    // The fix is the next build.
    edit(root, AUDIT, "score: 9,", "score: 3,");
    preview.wait_for(PAGE, "the overlay to go", |b| {
        !b.contains("parcours-erreurs")
    });
    assert_eq!(preview.generation(PAGE), generation + 1);
}

/// CPU time (user + system, in clock ticks) a process has used so far.
fn cpu_ticks(pid: u32) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .unwrap()
        .1
        .split_whitespace()
        .collect();
    fields[11].parse::<u64>().unwrap() + fields[12].parse::<u64>().unwrap()
}

#[test]
fn issue_11_serve_out_of_file_descriptors_waits_instead_of_spinning() {
    let fixture = Fixture::new("minimal");
    let script = format!(
        "ulimit -n 48 && exec {} serve --port 0",
        env!("CARGO_BIN_EXE_parcours")
    );
    let preview = Preview::launch_with(&fixture.root, "bash", &["-c", &script]);
    assert_eq!(preview.get("/").0, 200, "{}", preview.log());
    let idle: Vec<TcpStream> = (0..80)
        .map(|_| TcpStream::connect(preview.addr).unwrap())
        .collect();
    std::thread::sleep(Duration::from_millis(300));
    let before = cpu_ticks(preview.child.id());
    std::thread::sleep(Duration::from_secs(1));
    let used = cpu_ticks(preview.child.id()) - before;
    // A busy loop is about 100 ticks a second.
    assert!(
        used < 30,
        "{used} ticks of CPU in one second while out of descriptors"
    );
    assert!(
        preview.log().contains("plus de descripteurs"),
        "{}",
        preview.log()
    );
    drop(idle);
    preview.wait_for("/", "served again", |b| b.contains("reload.js"));
}

#[test]
fn issue_11_fresh_clone_serve_shows_a_renamed_commune_within_a_second() {
    let dir = TempDir::new("clone");
    let clone = dir.0.join("parcours");
    let cloned = Command::new("git")
        .args(["clone", "-q", env!("CARGO_MANIFEST_DIR")])
        .arg(&clone)
        .status()
        .unwrap();
    assert!(cloned.success());
    let preview = Preview::launch(&clone, &["serve", "--port", "0"]);
    let (status, portal) = preview.get("/");
    assert_eq!(status, 200, "{}", preview.log());
    assert!(portal.contains("Namur"));
    edit(
        &clone,
        "communes/namur/commune.yaml",
        "name: \"Namur\"",
        "name: \"Namur-sur-Sambre\"",
    );
    let took = preview.wait_for("/", "the new name on the portal", |b| {
        b.contains("Namur-sur-Sambre")
    });
    eprintln!(
        "renamed commune visible {} ms after the save",
        took.as_millis()
    );
    // One second on a quiet machine; the bound leaves room for a loaded test run.
    assert!(took < Duration::from_secs(2), "{took:?}\n{}", preview.log());
}

#[test]
fn issue_11_a_privileged_port_says_it_needs_privileges_not_that_it_is_taken() {
    // Needs an unprivileged user: run as `nobody` through setpriv when the suite runs as root.
    let fixture = Fixture::new("minimal");
    let child = Command::new("setpriv")
        .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
        .arg(env!("CARGO_BIN_EXE_parcours"))
        .args(["serve", "--port", "80"])
        .current_dir(&fixture.root)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn();
    let Ok(mut child) = child else {
        eprintln!("setpriv is not installed: case v15 not run");
        return;
    };
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > WAIT {
            // Unprivileged ports start at 80 or lower on this machine: it listens.
            let _ = child.kill();
            let _ = child.wait();
            eprintln!("port 80 needs no privileges here: case v15 not run");
            return;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    if !stderr.contains("impossible d'écouter") {
        eprintln!("cannot run the binary as nobody here: case v15 not run ({stderr})");
        return;
    }
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr.contains("le port 80 demande des privilèges"),
        "{stderr}"
    );
    assert!(!stderr.contains("déjà pris"), "{stderr}");
}

#[test]
fn issue_18_serve_shows_a_saved_chapter_edit_with_or_without_a_version_bump() {
    let dir = TempDir::new("clone-chapter");
    let clone = crate::review::clone_repo(&dir);
    let preview = Preview::launch(&clone, &["serve", "--port", "0"]);
    let page = "/handbook/1.3/angle-technologies.html";
    assert_eq!(preview.get(page).0, 200, "{}", preview.log());
    let chapter = clone.join("content/handbook/angle-technologies.md");
    let text = std::fs::read_to_string(&chapter).unwrap();
    std::fs::write(&chapter, format!("{text}\nPhrase écrite maintenant.\n")).unwrap();
    // Still `version: "1.3"`: shown in place of the release, as the erratum it can become.
    let took = preview.wait_for(page, "the edit, as an erratum", |b| {
        b.contains("Phrase écrite maintenant.") && b.contains("comme erratum")
    });
    assert!(took < Duration::from_secs(2), "{took:?}\n{}", preview.log());
    edit(
        &clone,
        "content/methodology.yaml",
        "version: \"1.3\"",
        "version: \"1.4\"",
    );
    let next = "/handbook/1.4/angle-technologies.html";
    let took = preview.wait_for(next, "the edit, in the next version's draft", |b| {
        b.contains("Phrase écrite maintenant.")
    });
    assert!(took < Duration::from_secs(2), "{took:?}\n{}", preview.log());
    let (_, released) = preview.get(page);
    assert!(
        !released.contains("Phrase écrite maintenant."),
        "the release is unchanged"
    );
}
