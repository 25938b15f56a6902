package org.peakpilot;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.peakpilot.inclusive.internal.AccountKind;
import org.peakpilot.inclusive.internal.Asset;
import org.peakpilot.inclusive.internal.Ledger;
import org.peakpilot.inclusive.internal.Mall;
import org.peakpilot.inclusive.internal.TxnKind;
import org.peakpilot.platform.SystemActor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The citizen's H5 pages in a real headless Chromium at a phone's size (390 × 844): sign-up with a refused then a good
 * input, home with trips, badges, a certificate and its public verification page, the mall and the settings, in
 * Chinese and English. Screenshots: {@code target/screenshots/inclusive-*.png}.
 */
// Same context as InclusiveCitizenTests (same properties): a fixed clock at 2026-12-10 10:00 Beijing time
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "peakpilot.test.clock=2026-12-10T02:00:00Z",
		"peakpilot.test.schema=pp_inclusive_citizen", "peakpilot.inclusive.citizen-jobs.scheduled=false" })
@AutoConfigureMockMvc
@Import({ MovableClockConfiguration.class, Fixtures.class })
class InclusiveCitizenBrowserTests {

	static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

	@RegisterExtension
	static final Browser browser = new Browser("chromedriver-inclusive-citizen.log").windowSize(390, 844);

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Ledger ledger;

	@Autowired
	Mall mall;

	void trip(long citizen, long partner, String mode, String at, double km, long gco2) {
		OffsetDateTime start = LocalDateTime.parse(at).atZone(BEIJING).toOffsetDateTime();
		long method = jdbc.sql("SELECT id FROM inclusive_methodology WHERE code = 'LS-CM-001' AND version = 1").query(Long.class).single();
		long id = jdbc.sql("""
				INSERT INTO inclusive_trip (partner_id, external_id, citizen_id, mode, start_at, end_at, day, distance_km, status,
				                            methodology_id, gco2, points, received_at)
				VALUES (:p, :x, :c, :m, :s, :e, :d, :km, 'CREDITED', :meth, :g, :g, :s) RETURNING id
				""").param("p", partner).param("x", "B" + System.nanoTime()).param("c", citizen).param("m", mode).param("s", start)
			.param("e", start.plusMinutes(25)).param("d", start.atZoneSameInstant(BEIJING).toLocalDate())
			.param("km", java.math.BigDecimal.valueOf(km)).param("meth", method).param("g", gco2).query(Long.class).single();
		long from = ledger.account(AccountKind.POINT_ISSUANCE, "scheme", Asset.POINT);
		long to = ledger.account(AccountKind.CITIZEN, String.valueOf(citizen), Asset.POINT);
		ledger.post(new Ledger.NewTxn(TxnKind.EARN, "trip:" + id, "test", List.of(new Ledger.Posting(from, -gco2), new Ledger.Posting(to, gco2))));
	}

	@Test
	void aCitizenSignsUpEarnsAndGetsACertificateOnAPhone() {
		String phone = "1380013" + String.format("%04d", (int) (System.nanoTime() % 10000));
		long bus = jdbc.sql("INSERT INTO inclusive_partner (code, name, kind) VALUES (:c, '乐山公交集团（演示）', 'TRANSIT') RETURNING id")
			.param("c", "BUS" + System.nanoTime() % 100000).query(Long.class).single();
		long park = jdbc.sql("INSERT INTO inclusive_partner (code, name, kind) VALUES (:c, '乐山大佛景区（演示）', 'SCENIC_AREA') RETURNING id")
			.param("c", "DAFO" + System.nanoTime() % 100000).query(Long.class).single();
		Mall.Item ticket = SystemActor.call("test", () -> mall.create(new Mall.ItemForm(park, "乐山大佛景区门票（测试）", "凭兑换码在东门售票处换票", 800L, 50, 1,
				java.time.LocalDate.of(2026, 12, 1), java.time.LocalDate.of(2027, 2, 28)), null));
		SystemActor.call("test", () -> mall.create(new Mall.ItemForm(bus, "公交月票立减 10 元（测试）", null, 5000L, 100, 1,
				java.time.LocalDate.of(2026, 12, 1), java.time.LocalDate.of(2026, 12, 31)), null));

		browser.open("/inclusive/welcome");
		assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("绿色出行，积分有礼");
		browser.screenshot("inclusive-welcome-zh.png");
		browser.find(By.id("to-signup")).click();
		browser.waitUntil().until(ExpectedConditions.urlContains("/inclusive/signup"));
		browser.find(By.id("login")).sendKeys("1234");
		browser.find(By.id("password")).sendKeys("short");
		browser.find(By.id("publicName")).sendKeys("乐山骑行侠");
		browser.find(By.id("signup-submit")).click();
		browser.waitUntil().until(ExpectedConditions.presenceOfElementLocated(By.id("errors")));
		assertThat(browser.findAll(By.cssSelector("#errors li"))).extracting(e -> e.getAttribute("data-field")).containsExactly("login", "password");
		assertThat(browser.find(By.id("errors")).getText()).contains("请输入 11 位大陆手机号或邮箱地址");
		browser.screenshot("inclusive-signup-errors-zh.png");
		browser.find(By.id("login")).clear();
		browser.find(By.id("login")).sendKeys(phone);
		browser.find(By.id("password")).sendKeys("green-travel-2026");
		browser.find(By.id("signup-submit")).click();
		browser.waitUntil().until(ExpectedConditions.presenceOfElementLocated(By.id("welcome")));
		browser.screenshot("inclusive-home-new-zh.png");

		long citizen = jdbc.sql("SELECT c.id FROM inclusive_citizen c JOIN app_user u ON u.id = c.user_id WHERE u.username = :u")
			.param("u", phone).query(Long.class).single();
		for (int day = 1; day <= 8; day++) {
			trip(citizen, bus, day % 3 == 0 ? "EBUS" : "BUS", "2026-12-0" + day + "T08:1" + day, 4.5 + day, 380 + 25L * day);
		}
		trip(citizen, park, "SHUTTLE", "2026-12-09T10:05", 3.2, 260);
		jdbc.sql("UPDATE inclusive_citizen SET rank_opt_in = TRUE WHERE id = :c").param("c", citizen).update();

		browser.find(By.id("tab-badges")).click();
		browser.waitUntil().until(ExpectedConditions.presenceOfElementLocated(By.id("frames")));
		assertThat(browser.findAll(By.cssSelector(".badge.won"))).extracting(e -> e.getAttribute("data-code")).contains("FIRST_TRIP", "GREEN_WEEK");
		browser.screenshot("inclusive-badges-zh.png");
		browser.open("/inclusive/badges?lang=en");
		browser.screenshot("inclusive-badges-en.png");
		browser.open("/inclusive?lang=zh_CN");
		assertThat(browser.find(By.id("month-gco2")).getText()).isEqualTo("4,200");
		assertThat(browser.findAll(By.cssSelector("#recent .activity"))).hasSize(9);
		assertThat(browser.find(By.id("recent")).getText()).contains("LS-CM-001 V1").contains("景区接驳车");
		browser.screenshot("inclusive-home-zh.png");
		browser.screenshotOfWindow("inclusive-home-window-zh.png");
		browser.open("/inclusive?lang=en");
		assertThat(browser.find(By.id("recent")).getText()).contains("Scenic shuttle");
		browser.screenshot("inclusive-home-en.png");

		browser.open("/inclusive/certificates?lang=zh_CN");
		new Select(browser.find(By.id("period"))).selectByValue("2026-12");
		browser.find(By.id("issue-submit")).click();
		browser.waitUntil().until(ExpectedConditions.presenceOfElementLocated(By.id("cert-qr")));
		assertThat(browser.find(By.id("cert-gco2")).getText()).isEqualTo("4,200 克 CO2");
		String serial = browser.find(By.id("cert-serial")).getText().replace("证书编号 ", "");
		assertThat(serial).matches("LSLC-2026-[0-9A-Z]{10}");
		browser.screenshot("inclusive-certificate-zh.png");
		browser.open("/inclusive/certificates/" + serial + "?lang=en");
		browser.screenshot("inclusive-certificate-en.png");
		browser.open("/inclusive/certificates?lang=zh_CN");
		browser.screenshot("inclusive-certificates-zh.png");

		browser.open("/inclusive/mall");
		browser.screenshot("inclusive-mall-zh.png");
		String mine = "li.item[data-item='" + ticket.id() + "'] button";
		browser.find(By.cssSelector(mine)).click();
		browser.waitUntil().until(ExpectedConditions.presenceOfElementLocated(By.id("redeemed")));
		assertThat(browser.find(By.id("mall-points")).getText()).isEqualTo("3,400");
		// one per citizen: its button is off now
		assertThat(browser.find(By.cssSelector(mine)).isEnabled()).isFalse();
		browser.screenshot("inclusive-mall-redeemed-zh.png");

		browser.open("/inclusive/settings");
		new Select(browser.find(By.id("partnerId"))).selectByVisibleText("乐山公交集团（演示）");
		browser.find(By.id("grant")).click();
		browser.waitUntil().until(ExpectedConditions.presenceOfElementLocated(By.id("new-token")));
		assertThat(browser.find(By.cssSelector("#new-token .token")).getText()).startsWith("ppl_");
		browser.script("window.scrollTo(0, 0)");
		browser.screenshot("inclusive-settings-zh.png");
		browser.open("/inclusive/settings?lang=en");
		browser.screenshot("inclusive-settings-en.png");
		browser.assertNoScriptErrors();

		// the public verification page, signed out
		browser.driver().manage().deleteAllCookies();
		browser.open("/public/inclusive/certificates/" + serial + "?lang=zh_CN");
		assertThat(browser.find(By.id("v-name")).getText()).isEqualTo("乐山骑行侠");
		assertThat(browser.find(By.id("v-gco2")).getText()).isEqualTo("4,200 克 CO2");
		browser.screenshot("inclusive-verify-zh.png");
		browser.open("/public/inclusive/certificates/" + serial + "?lang=en");
		browser.screenshot("inclusive-verify-en.png");
		browser.open("/inclusive/signup?lang=en");
		browser.screenshot("inclusive-signup-en.png");
		browser.open("/inclusive/welcome?lang=en");
		browser.screenshot("inclusive-welcome-en.png");
		// the phone-sized sign-in: a wrong password comes back to it, the right one lands on the citizen's home
		browser.find(By.id("username")).sendKeys(phone);
		browser.find(By.id("password")).sendKeys("wrong-password-1");
		browser.find(By.id("login-submit")).click();
		browser.waitUntil().until(ExpectedConditions.presenceOfElementLocated(By.id("login-error")));
		assertThat(browser.driver().getCurrentUrl()).contains("/inclusive/welcome?error");
		browser.screenshot("inclusive-login-error-en.png");
		browser.find(By.id("username")).sendKeys("+86 " + phone);
		browser.find(By.id("password")).sendKeys("green-travel-2026");
		browser.find(By.id("login-submit")).click();
		browser.waitUntil().until(ExpectedConditions.presenceOfElementLocated(By.id("hero")));
		assertThat(browser.driver().getCurrentUrl()).endsWith("/inclusive");
	}
}
