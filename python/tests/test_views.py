"""Every view type loaded in headless Chromium (Debian's chromium and
chromium-driver, through Selenium): no console errors, no network, the
numbers shown equal the file's, a screenshot per view type under the build
tree (python/screenshots/)."""
import os
import shutil
from decimal import Decimal

import pytest

import x12
from conftest import BUILD, DATA, WEEK, corpus_files

webdriver = pytest.importorskip("selenium.webdriver", reason="Selenium is not installed (Debian: python3-selenium)")
from selenium.webdriver.common.by import By  # noqa: E402

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
DRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
SHOTS = os.path.join(BUILD, "python", "screenshots")


@pytest.fixture(scope="module")
def browser():
    if not (os.path.exists(CHROMIUM) and os.path.exists(DRIVER)):
        pytest.skip("headless Chromium is not installed (Debian: chromium chromium-driver)")
    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1200,1600"):
        opts.add_argument(a)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = webdriver.ChromeService(executable_path=DRIVER) if hasattr(webdriver, "ChromeService") else \
        webdriver.chrome.service.Service(executable_path=DRIVER)
    try:
        driver = webdriver.Chrome(service=service, options=opts)
    except Exception as e:  # a machine without a display stack Chromium can start on
        pytest.skip(f"headless Chromium did not start: {e}")
    os.makedirs(SHOTS, exist_ok=True)
    yield driver
    driver.quit()


def load(browser, html_path, shot):
    browser.get("file://" + os.path.abspath(html_path))
    problems = [e for e in browser.get_log("browser") if e.get("level") in ("SEVERE", "WARNING")]
    assert problems == [], problems
    browser.save_screenshot(os.path.join(SHOTS, shot + ".png"))
    return browser


def self_contained(path):
    text = open(path, encoding="utf-8").read()
    for needle in ("http://", "https://", "<script", "@import", "url("):
        assert needle not in text.replace('xmlns="http://www.w3.org/2000/svg"', ""), needle
    return text


def attrs(browser, name):
    return [e.get_attribute("data-" + name) for e in browser.find_elements(By.CSS_SELECTOR, f"[data-{name}]")]


def test_claim_forms(browser, cli, tmp_path):
    src = os.path.join(DATA, "sample.837")
    out = tmp_path / "claims.html"
    code, _ = cli("view", src, "-o", out)
    assert code == 0
    self_contained(out)
    load(browser, out, "837p-claim-forms")
    claims = [c for s in x12.read(src) for *_, c in x12._frames.claims_837(s)]
    assert attrs(browser, "total-charge") == [c["total_charge"] for c in claims]
    lines = [l["charge"] for c in claims for l in c.get("service_lines", [])]
    assert attrs(browser, "line-charge") == lines
    assert len(browser.find_elements(By.CSS_SELECTOR, "section.form")) == len(claims)


def test_remittance_advice(browser, cli, tmp_path):
    src = os.path.join(WEEK, "remit-bcbs-1.835")
    out = tmp_path / "eob.html"
    code, _ = cli("view", src, "-o", out)
    assert code == 0
    self_contained(out)
    load(browser, out, "835-remittance-advice")
    sets = [s for s in x12.read(src)]
    assert attrs(browser, "payment-amount") == [s["payment"]["total_payment"] for s in sets]
    paid = [c["paid"] for s in sets for hn in s.get("header_numbers", []) for c in hn.get("claims", [])]
    assert attrs(browser, "paid") == paid
    # Totals reconcile to BPR02 when the 835 balances.
    for posted, bpr in zip(attrs(browser, "posted-total"), attrs(browser, "payment-amount")):
        assert Decimal(posted) == Decimal(bpr)


def test_ack_report(browser, cli, tmp_path):
    src = os.path.join(DATA, "sample.837")
    ack = tmp_path / "ack.999"
    cli("validate", src, "--ack", "999", "-o", ack)
    out = tmp_path / "ack.html"
    code, _ = cli("view", ack, "-o", out)
    assert code == 0
    self_contained(out)
    load(browser, out, "999-acknowledgment")
    report = x12.validate(src)
    summary = browser.find_element(By.CSS_SELECTOR, ".summary")
    accepted = sum(1 for s in report["transaction_sets"] if s["status"] != "rejected")
    assert int(summary.get_attribute("data-accepted")) == accepted
    assert int(summary.get_attribute("data-rejected")) == len(report["transaction_sets"]) - accepted


def test_ta1_report(browser, cli, tmp_path):
    src = os.path.join(DATA, "sample.837")
    ack = tmp_path / "ack.ta1"
    cli("validate", src, "--ack", "ta1", "-o", ack)
    out = tmp_path / "ta1.html"
    assert cli("view", ack, "-o", out)[0] == 0
    load(browser, out, "ta1-acknowledgment")
    assert attrs(browser, "interchange")


def test_277ca_report(browser, cli, tmp_path):
    files = [p for p in corpus_files() if "277ca" in os.path.basename(p).lower()]
    if not files:
        pytest.skip("no 277CA in ../shared/corpus")
    out = tmp_path / "277.html"
    code, _ = cli("view", files[0], "-o", out)
    assert code == 0
    load(browser, out, "277ca-acknowledgment")
    summary = browser.find_element(By.CSS_SELECTOR, ".summary")
    if "rejected" in os.path.basename(files[0]):
        assert int(summary.get_attribute("data-rejected")) > 0


def test_corpus_999_rejected(browser, cli, tmp_path):
    files = [p for p in corpus_files() if os.path.basename(p) == "imsx12__x12_999_rejected.txt"]
    if not files:
        pytest.skip("../shared/corpus/ack is absent")
    out = tmp_path / "999r.html"
    assert cli("view", files[0], "-o", out)[0] == 0
    load(browser, out, "999-rejected")
    summary = browser.find_element(By.CSS_SELECTOR, ".summary")
    assert int(summary.get_attribute("data-rejected")) > 0
    assert int(summary.get_attribute("data-errors")) > 0


def test_validation_page(browser, cli, tmp_path):
    bad = [p for p in corpus_files() if "/invalid/" in p] or [os.path.join(DATA, "sample.837")]
    src = bad[0]
    out = tmp_path / "validate.html"
    _code, html = cli("validate", src, "--format", "html")
    out.write_bytes(html)
    self_contained(out)
    load(browser, out, "validate-findings")
    report = x12.validate(src)
    summary = browser.find_element(By.CSS_SELECTOR, ".summary")
    assert int(summary.get_attribute("data-finding-count")) == len(report.findings)
    assert len(browser.find_elements(By.CSS_SELECTOR, "p.finding")) == len(report.findings)


def test_ledger_report_and_redaction(browser, cli, tmp_path):
    db = tmp_path / "ledger.sqlite"
    remits = [os.path.join(WEEK, f) for f in sorted(os.listdir(WEEK)) if f.endswith(".835")]
    x12.post(remits, os.path.join(WEEK, "claims.837"), db=db)
    out = tmp_path / "report.html"
    code, _ = cli("report", "--db", db, "--as-of", "2025-06-01", "-o", out)
    assert code == 0
    self_contained(out)
    load(browser, out, "ledger-report")
    denials = x12.denials(db)
    assert attrs(browser, "denied") == [d["amount"] for d in denials]
    aging = x12.aging(db, as_of="2025-06-01")
    assert attrs(browser, "bucket-charge") == [b["charge"] for b in aging["buckets"]]
    assert browser.find_elements(By.CSS_SELECTOR, "svg rect[data-bucket]")

    # --redact masks what x12 redact masks: the patient names are gone.
    src = os.path.join(DATA, "sample.837")
    plain, masked = tmp_path / "plain.html", tmp_path / "masked.html"
    cli("view", src, "-o", plain)
    cli("view", src, "--redact", "-o", masked)
    names = {c["last_name"] for s in x12.read(src) for bp in s["billing_providers"] for sub in bp["subscribers"]
             for c in [sub["subscriber"]] if c.get("last_name")}
    assert names and all(n in plain.read_text() for n in names)
    assert not any(n in masked.read_text() for n in names)
