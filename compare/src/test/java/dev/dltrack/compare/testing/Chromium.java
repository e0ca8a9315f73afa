package dev.dltrack.compare.testing;

import dev.dltrack.compare.ComparisonRequest;
import dev.dltrack.testsupport.Require;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * The system's headless Chromium, driven by its own chromedriver through Selenium: both are given
 * by path, so Selenium Manager never looks for (or downloads) a browser or driver. Tests are
 * skipped where either is not installed.
 */
public final class Chromium implements AutoCloseable {
  /** Where Debian's {@code chromium} package puts the browser. */
  public static final Path BROWSER = Path.of("/usr/bin/chromium");

  /** Where Debian's {@code chromium-driver} package puts the driver. */
  public static final Path DRIVER = Path.of("/usr/bin/chromedriver");

  private final ChromeDriver driver;

  private Chromium(ChromeDriver driver) {
    this.driver = driver;
  }

  /** Starts Chromium with a fresh profile in {@code profile}; skips the test if it is missing. */
  public static Chromium start(Path profile) {
    Require.that(
        Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER),
        "needs " + BROWSER + " and " + DRIVER + " (Debian packages chromium, chromium-driver)");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(BROWSER.toFile());
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
        "--window-size=1400,2400",
        "--user-data-dir=" + profile.toAbsolutePath());
    options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(DRIVER.toString()))
            .build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    return new Chromium(driver);
  }

  /**
   * Writes the report of {@code request} to {@code dir/report.html} and opens it ({@link
   * #openReport}) in a browser started with its profile in {@code dir/profile}; skips the test if
   * the browser is missing.
   */
  public static Chromium showingReport(
      Path dir, ComparisonRequest.Builder request, boolean everyChart) throws IOException {
    Chromium chromium = start(dir.resolve("profile"));
    try {
      Path report = dir.resolve("report.html");
      Compare.report(request, report);
      chromium.openReport(report, everyChart);
      return chromium;
    } catch (IOException | RuntimeException e) {
      chromium.close();
      throw e;
    }
  }

  /**
   * {@link #showingReport(Path, ComparisonRequest.Builder, boolean)} of every run in {@code logs}.
   */
  public static Chromium showingReport(Path dir, Path logs, boolean everyChart) throws IOException {
    return showingReport(dir, ComparisonRequest.builder(logs), everyChart);
  }

  /** Opens {@code file} from disk and returns when the load event has fired. */
  public void open(Path file) {
    driver.get(file.toAbsolutePath().toUri().toString());
  }

  /**
   * Opens a report and returns when the charts in view are drawn; with {@code everyChart}, the rest
   * too (the report draws charts as they scroll into view, and all of them before printing).
   */
  public void openReport(Path report, boolean everyChart) {
    open(report);
    evalAsync(
        "var done = arguments[arguments.length - 1];"
            + "if (document.body.dataset.renderedMs) done(); else document.addEventListener('report-rendered', done);");
    if (everyChart) {
      eval("window.dispatchEvent(new Event('beforeprint'))");
    }
  }

  /** For every chart canvas of the page, in order, how many of its pixels are not transparent. */
  public List<Number> paintedPixelsPerCanvas() {
    return evalList(
        "return Array.from(document.querySelectorAll('.plot canvas')).map(c => {"
            + " const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
            + " let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i] !== 0) n++;"
            + " return n; })");
  }

  /** Runs {@code script} in the page and returns its result. */
  public Object eval(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  /** Runs {@code script}, which returns an array, and returns its items. */
  @SuppressWarnings("unchecked")
  public <T> List<T> evalList(String script) {
    return (List<T>) eval(script);
  }

  /** Runs {@code script}, which calls its last argument with the result when done. */
  public Object evalAsync(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeAsyncScript(script, args);
  }

  /** The console messages at SEVERE level (errors) since the last call. */
  public List<String> consoleErrors() {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
        .map(LogEntry::getMessage)
        .toList();
  }

  /** Whether a JavaScript dialog (an alert, say) is open. */
  public boolean dialogOpen() {
    try {
      driver.switchTo().alert();
      return true;
    } catch (NoAlertPresentException e) {
      return false;
    }
  }

  /** Saves what the window shows as a PNG. */
  public void screenshot(Path png) throws IOException {
    Files.createDirectories(png.toAbsolutePath().getParent());
    Files.write(png, driver.getScreenshotAs(OutputType.BYTES));
  }

  @Override
  public void close() {
    driver.quit();
  }
}
