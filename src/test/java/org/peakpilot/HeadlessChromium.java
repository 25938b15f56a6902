package org.peakpilot;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Debian's chromium in headless mode with a fresh profile, for the browser tests, and what they do with it:
 * waiting, checking ECharts drew, checking the console, full-page screenshots under {@code target/screenshots/}.
 * Without chromium and chromedriver, {@link #start} answers null (the tests skip) unless {@code CI} is set: then it
 * fails.
 */
final class HeadlessChromium implements AutoCloseable {

	static final Path CHROMIUM = Path.of("/usr/bin/chromium");
	static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
	static final Path SCREENSHOTS = Path.of("target", "screenshots");
	static final String MISSING = CHROMIUM + " or " + CHROMEDRIVER + " is missing (apt-get install -y chromium chromium-driver)";

	final ChromeDriver driver;
	private final Path profile;

	private HeadlessChromium(ChromeDriver driver, Path profile) {
		this.driver = driver;
		this.profile = profile;
	}

	/** A started browser, or null when it is not installed and CI is not set; {@code log} names chromedriver's log. */
	static HeadlessChromium start(String log) throws IOException {
		if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
			String ci = System.getenv("CI");
			if (ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false")) {
				fail("CI is set but " + MISSING);
			}
			return null;
		}
		Files.createDirectories(SCREENSHOTS);
		Path profile = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "chrome-").toAbsolutePath();
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
				"--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
				"--window-size=1400,1000", "--user-data-dir=" + profile);
		options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort()
			.withLogFile(new File("target", log)).build();
		ChromeDriver driver = new ChromeDriver(service, options);
		driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20));
		return new HeadlessChromium(driver, profile);
	}

	WebDriverWait waitUntil() {
		WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(10));
		wait.ignoring(StaleElementReferenceException.class);
		return wait;
	}

	/** Waits until ECharts has drawn a canvas with a real size in an element matching the selector. */
	void awaitCanvas(String selector) {
		waitUntil().until(d -> d.findElements(By.cssSelector(selector)).stream()
			.anyMatch(c -> c.getSize().getWidth() > 100 && c.getSize().getHeight() > 100));
	}

	/**
	 * Fails on errors in the page's console: a broken script leaves charts empty without failing anything else, and
	 * a script or style the Content-Security-Policy refused (reported at any level) is such an error too.
	 */
	void assertNoScriptErrors() {
		List<String> errors = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
			.filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue() || e.getMessage().contains("Content Security Policy"))
			.map(LogEntry::getMessage)
			.filter(m -> !m.contains("favicon.ico"))
			.toList();
		assertThat(errors).as("browser console errors").isEmpty();
	}

	/** Saves the whole page, not just the window, so that a person can look at all of it. */
	@SuppressWarnings("unchecked")
	void screenshot(String name) {
		Map<String, Object> size = (Map<String, Object>) ((JavascriptExecutor) driver).executeScript(
				"return { width: document.documentElement.scrollWidth, height: document.documentElement.scrollHeight };");
		Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true,
				"clip", Map.of("x", 0, "y", 0, "width", size.get("width"), "height", size.get("height"), "scale", 1)));
		try {
			Files.write(SCREENSHOTS.resolve(name), Base64.getDecoder().decode((String) shot.get("data")));
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot save screenshot " + name, ex);
		}
	}

	@Override
	public void close() throws IOException {
		try {
			driver.quit();
		}
		finally {
			try (Stream<Path> files = Files.walk(profile)) {
				files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
			}
		}
	}
}
