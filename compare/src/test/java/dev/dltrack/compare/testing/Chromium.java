package dev.dltrack.compare.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
    assumeTrue(
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
        new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER.toString())).build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    return new Chromium(driver);
  }

  /** Opens {@code file} from disk and returns when the load event has fired. */
  public void open(Path file) {
    driver.get(file.toAbsolutePath().toUri().toString());
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
