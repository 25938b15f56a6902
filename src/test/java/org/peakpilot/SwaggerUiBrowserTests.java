package org.peakpilot;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/** Swagger UI offers "Authorize" with the document's three schemes, so that a user can try the API with a token. */
@PeakPilotTest
class SwaggerUiBrowserTests {

	@RegisterExtension
	static final Browser browser = new Browser("chromedriver-swagger-ui.log");

	@Test
	void theAuthorizeDialogOffersBasicPersonalAndDeviceTokens() {
		browser.open("/swagger-ui/index.html");
		browser.waitUntil().until(d -> !d.findElements(By.cssSelector("button.btn.authorize")).isEmpty());
		browser.find(By.cssSelector("button.btn.authorize")).click();
		browser.waitUntil().until(d -> d.findElements(By.cssSelector(".auth-container")).size() == 3);
		assertThat(browser.find(By.cssSelector(".modal-ux")).getText()).contains("basicAuth", "personalToken", "deviceToken");
		browser.screenshotOfWindow("swagger-ui-authorize.png");
	}
}
