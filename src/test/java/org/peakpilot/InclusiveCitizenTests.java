package org.peakpilot;

import org.junit.jupiter.api.Test;
import org.peakpilot.inclusive.internal.AccountLinks;
import org.peakpilot.inclusive.internal.Citizens;
import org.peakpilot.platform.InvalidInputException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The citizen side of the carbon-inclusive scheme (碳普惠, issue 14): sign-up, consents and account links, the home
 * page and its JSON, badges, certificates and their public verification, the points mall; a citizen sees only itself.
 */
// Own context (shared with InclusiveCitizenBrowserTests): a movable clock for months, badges and certificates
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "peakpilot.test.clock=2026-12-10T02:00:00Z",
		"peakpilot.test.schema=pp_inclusive_citizen" })
@AutoConfigureMockMvc
@Import({ MovableClockConfiguration.class, Fixtures.class })
class InclusiveCitizenTests {

	static final java.util.concurrent.atomic.AtomicInteger SEQ = new java.util.concurrent.atomic.AtomicInteger();

	@Autowired
	MockMvc mvc;

	@Autowired
	Citizens citizens;

	@Autowired
	AccountLinks links;

	@Autowired
	JdbcClient jdbc;

	/** A unique mobile number. */
	static String phone() {
		return "1390000" + String.format("%04d", SEQ.incrementAndGet());
	}

	long partner(String name) {
		return jdbc.sql("INSERT INTO inclusive_partner (code, name, kind) VALUES (:c, :n, 'TRANSIT') RETURNING id")
			.param("c", "P" + SEQ.incrementAndGet()).param("n", name).query(Long.class).single();
	}

	@Test
	void signUpRefusesBadInputNamingEachField() {
		assertThatThrownBy(() -> citizens.signUp("1234", "short", ""))
			.isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors()).extracting(err -> err.field())
				.containsExactlyInAnyOrder("login", "password", "publicName"));
		assertThatThrownBy(() -> citizens.signUp("someone@@example", "long-enough-pw", "绿行者"))
			.isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors()).extracting(err -> err.field())
				.containsExactly("login"));
		String p = phone();
		citizens.signUp(p, "long-enough-pw", "绿行者");
		assertThatThrownBy(() -> citizens.signUp("+86 " + p, "long-enough-pw", "另一个"))
			.isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors()).extracting(err -> err.field())
				.containsExactly("login"));
	}

	@Test
	void aLinkResolvesForItsPartnerUntilTheConsentIsRevoked() {
		long citizen = citizens.signUp(phone(), "long-enough-pw", "骑行侠");
		long bus = partner("乐山公交（测试）");
		long bikes = partner("共享单车（测试）");
		String token = links.grant(citizen, bus);
		assertThat(links.resolve(bus, token)).contains(citizen);
		assertThat(links.resolve(bikes, token)).isEmpty();
		assertThat(links.resolve(bus, token.substring(0, token.length() - 1) + (token.endsWith("0") ? "1" : "0"))).isEmpty();
		assertThat(links.resolveAll(bus, java.util.List.of(token, "junk"))).containsExactly(java.util.Map.entry(token, citizen));
		long consent = links.consentsOf(citizen).stream().filter(c -> c.active() && c.scene().equals(AccountLinks.TRAVEL))
			.findFirst().orElseThrow().id();
		links.revokeConsent(citizen, consent);
		assertThat(links.resolve(bus, token)).isEmpty();
		// a new grant is a new token and a new consent; the old token stays dead
		String again = links.grant(citizen, bus);
		assertThat(links.resolve(bus, again)).contains(citizen);
		assertThat(links.resolve(bus, token)).isEmpty();
	}
}
