package org.peakpilot.demo;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.peakpilot.plan.PilotPlan;
import org.peakpilot.platform.AuditLog;
import org.peakpilot.platform.InstanceSettings;
import org.peakpilot.platform.Role;
import org.peakpilot.platform.SystemActor;
import org.peakpilot.platform.UserAccounts;
import org.peakpilot.registry.Registry;
import org.peakpilot.registry.RegistryModel.Enterprise;
import org.peakpilot.registry.RegistryModel.EnterpriseQuery;
import org.peakpilot.registry.RegistryModel.Park;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.is;
import static org.peakpilot.Counties.JIAJIANG;
import static org.peakpilot.Counties.SHAWAN;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The demo switch loads a made-up but living data set through the modules' entry points, once. */
// Own context: the demo data set
@SpringBootTest(properties = {
		"peakpilot.demo.enabled=true",
		"peakpilot.demo.allow-external-database=true",
		"peakpilot.demo.password=" + DemoDataTests.PASSWORD,
		"peakpilot.test.schema=pp_demo" })
@AutoConfigureMockMvc
class DemoDataTests {

	static final String PASSWORD = "demo-test-password-1";

	@Autowired
	MockMvc mvc;

	@Autowired
	Registry registry;

	@Autowired
	UserAccounts accounts;

	@Autowired
	PilotPlan plan;

	@Autowired
	AuditLog audit;

	@Autowired
	InstanceSettings instance;

	@Autowired
	DemoLoader loader;

	@Autowired
	org.springframework.jdbc.core.simple.JdbcClient jdbc;

	@Autowired
	org.springframework.context.ApplicationContext context;

	@Test
	void enterprisesOfEachKeyIndustryLieInTheirCountiesAndParks() {
		List<Enterprise> all = SystemActor.call("test", () -> registry.enterprises(EnterpriseQuery.ALL));
		Map<Long, String> parkCodes = SystemActor.call("test", () -> registry.parks().stream()
			.collect(Collectors.toMap(Park::id, Park::code)));

		assertThat(in(all, parkCodes, "3110", "3120")).hasSizeGreaterThanOrEqualTo(2).containsOnly("511111 SHAWAN-EDZ");
		assertThat(in(all, parkCodes, "3011")).hasSizeGreaterThanOrEqualTo(2).containsOnly("511181 EMEISHAN-EDZ");
		assertThat(in(all, parkCodes, "2612", "2619")).contains("511112 WUTONGQIAO-BASE", "511123 QIANWEI-MABIAN-CHEM")
			.containsOnly("511112 WUTONGQIAO-BASE", "511123 QIANWEI-MABIAN-CHEM");
		assertThat(in(all, parkCodes, "3071")).hasSizeGreaterThanOrEqualTo(2).containsOnly("511126 JIAJIANG-EDZ");
		assertThat(in(all, parkCodes, "3985")).containsExactlyInAnyOrder("511102 LESHAN-HIGHTECH", "511112 WUTONGQIAO-BASE");

		assertThat(all).allSatisfy(e -> {
			assertThat(e.name()).startsWith("示例").endsWith("（虚构）");
			assertThat(e.uscc().substring(2, 8)).isEqualTo(e.countyCode());
			assertThat(e.keyEnergyUnit()).isEqualTo(e.annualEnergyTce().intValue() >= 5000);
		});
		assertThat(all).anyMatch(Enterprise::keyEnergyUnit).anyMatch(e -> !e.keyEnergyUnit());
	}

	@Test
	void thereIsADemoUserForEveryRoleAndEachSignsInWithHttpBasic() throws Exception {
		Map<String, Role> users = SystemActor.call("test", () -> accounts.users().stream()
			.filter(u -> u.username().startsWith("demo-"))
			.collect(Collectors.toMap(UserAccounts.UserView::username, UserAccounts.UserView::role)));
		// the administrator's list leaves citizens out (there may be a million); the demo citizen signs in below
		assertThat(Set.copyOf(users.values())).containsExactlyInAnyOrder(Role.CITY_OFFICER, Role.COUNTY_OFFICER,
				Role.PARK_MANAGER, Role.ENTERPRISE_USER, Role.VERIFIER, Role.FORESTRY_OFFICER, Role.BANK, Role.PARTNER);
		assertThat(SystemActor.call("test", () -> accounts.users())).noneMatch(u -> u.role() == Role.CITIZEN);
		assertThat(((org.springframework.security.core.userdetails.UserDetails) accounts.loadUserByUsername("demo-citizen@example.com")).getAuthorities()).extracting(Object::toString).containsExactly("ROLE_CITIZEN");
		users.put("demo-citizen@example.com", Role.CITIZEN);
		for (Map.Entry<String, Role> user : users.entrySet()) {
			if (user.getValue().isInclusivePublic()) {
				// the carbon-inclusive scheme's demo citizen and partners (DemoInclusive) sign in, and reach nothing of the platform
				mvc.perform(get("/api/v1/registry/enterprises").with(httpBasic(user.getKey(), PASSWORD))).andExpect(status().isForbidden());
				continue;
			}
			// the forestry bureau's officer reaches the sink ledger only
			String path = user.getValue() == Role.FORESTRY_OFFICER ? "/api/v1/budget/sinks?year=2026"
					: user.getValue() == Role.BANK ? "/api/v1/projects/green/entries" : "/api/v1/registry/enterprises";
			mvc.perform(get(path).with(httpBasic(user.getKey(), PASSWORD))).andExpect(status().isOk());
		}
		mvc.perform(get("/api/v1/registry/enterprises").with(httpBasic("demo-forestry", PASSWORD))).andExpect(status().isForbidden());
		mvc.perform(get("/api/v1/registry/enterprises").with(httpBasic("demo-city", "not-the-password")))
			.andExpect(status().isUnauthorized());
	}

	@Test
	void eachDemoUserSeesOnlyTheirScope() throws Exception {
		mvc.perform(get("/api/v1/registry/enterprises").with(httpBasic("demo-shawan", PASSWORD)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.length()").value(3))
			.andExpect(jsonPath("$[*].countyCode").value(everyItem(is(SHAWAN))));
		mvc.perform(get("/api/v1/registry/enterprises").with(httpBasic("demo-jiajiang", PASSWORD)))
			.andExpect(jsonPath("$.length()").value(3))
			.andExpect(jsonPath("$[*].countyCode").value(everyItem(is(JIAJIANG))));
		mvc.perform(get("/api/v1/registry/enterprises").with(httpBasic("demo-city", PASSWORD)))
			.andExpect(jsonPath("$.length()").value(13));
		mvc.perform(get("/api/v1/registry/enterprises").with(httpBasic("demo-shawan-park", PASSWORD)))
			.andExpect(jsonPath("$.length()").value(3));
		mvc.perform(get("/api/v1/registry/enterprises").with(httpBasic("demo-steel", PASSWORD)))
			.andExpect(jsonPath("$.length()").value(1))
			.andExpect(jsonPath("$[0].name").value("示例沙湾钢铁有限公司（虚构）"));
		// the verifier is assigned to the two enterprises with demo users, so that submit → verify → lock works
		mvc.perform(get("/api/v1/registry/enterprises").with(httpBasic("demo-verifier", PASSWORD)))
			.andExpect(jsonPath("$.length()").value(4))
			.andExpect(jsonPath("$[*].name").value(org.hamcrest.Matchers.hasItems("示例沙湾钢铁有限公司（虚构）")));
	}

	@Test
	void theCockpitShowsMadeUpValuesWithAMixOfStatuses() throws Exception {
		String indicators = mvc.perform(get("/api/v1/public/plan/indicators")).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		String commitments = mvc.perform(get("/api/v1/public/plan/commitments")).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		List<String> statuses = JsonPath.read(indicators, "$[*].progress.status");
		statuses.addAll(JsonPath.read(commitments, "$[*].progress.status"));
		assertThat(Set.copyOf(statuses)).contains("ACHIEVED", "ON_TRACK", "AT_RISK", "OFF_TRACK");

		assertThat(JsonPath.<List<String>>read(indicators, "$[?(@.item.code == '1')].progress.status")).containsExactly("AT_RISK");
		assertThat(JsonPath.<List<String>>read(indicators, "$[?(@.item.code == '2')].progress.status")).containsExactly("TARGET_MISSING");
		assertThat(JsonPath.<List<String>>read(indicators, "$[?(@.item.code == '3')].progress.status")).containsExactly("NO_DATA");

		assertThat(plan.history("4")).extracting(o -> o.year()).containsExactly(2024, 2023);
		assertThat(plan.history("4")).allSatisfy(o -> {
			assertThat(o.sourceDocument()).isEqualTo(DemoLoader.SOURCE);
			assertThat(o.enteredBy()).isEqualTo("system:demo");
		});
	}

	@Test
	void everyPageSaysTheDataIsMadeUp() throws Exception {
		assertThat(instance.holdsDemoData()).isTrue();
		mvc.perform(get("/public/cockpit")).andExpect(status().isOk()).andExpect(content().string(containsString("demo-banner")));
	}

	@Test
	void aSecondLoadChangesNothing() throws Exception {
		long lastEvent = lastAuditEvent();
		String marker = instance.get(InstanceSettings.DEMO_DATA).orElseThrow();
		int enterprises = SystemActor.call("test", () -> registry.enterprises(EnterpriseQuery.ALL)).size();
		int users = SystemActor.call("test", () -> accounts.users()).size();

		loader.run(null);

		assertThat(lastAuditEvent()).isEqualTo(lastEvent);
		assertThat(instance.get(InstanceSettings.DEMO_DATA)).contains(marker);
		assertThat(SystemActor.call("test", () -> registry.enterprises(EnterpriseQuery.ALL))).hasSize(enterprises);
		assertThat(SystemActor.call("test", () -> accounts.users())).hasSize(users);
		assertThat(plan.history("4")).hasSize(2);
	}

	@Test
	void theDemoBankSeesAFewMadeUpListedEnterprisesAndProjectsAndOneApplicationWaitsForReview() throws Exception {
		// DemoGreenLibrary: 5 listed (2 enterprises, 3 projects) of demo enterprises, all made up; the salt works' waits
		mvc.perform(get("/api/v1/projects/green/entries").with(httpBasic("demo-bank", PASSWORD))).andExpect(status().isOk())
			.andExpect(jsonPath("$.length()").value(5))
			.andExpect(jsonPath("$[*].enterprise_name").value(everyItem(containsString("（虚构）"))))
			.andExpect(jsonPath("$[?(@.kind == 'PROJECT')].project_name").value(everyItem(containsString("示例"))));
		mvc.perform(get("/api/v1/projects/green/applications").param("status", "SUBMITTED").with(httpBasic("demo-city", PASSWORD)))
			.andExpect(jsonPath("$.length()").value(1));
	}

	@Test
	void theCarbonInclusiveDemoHasCitizensWithTripsCreditedByTheApisCodeAndScenesAtLeshanGiantBuddhaAndEmeishan() throws Exception {
		// DemoInclusive: 200 made-up citizens, three made-up partners, two scenes, 60 days of trips through TripIntake
		assertThat(jdbc.sql("SELECT count(*) FROM inclusive_citizen").query(Long.class).single()).isEqualTo(200);
		assertThat(jdbc.sql("SELECT name FROM inclusive_partner ORDER BY id").query(String.class).list()).hasSize(3)
			.allSatisfy(n -> assertThat(n).startsWith("示例").endsWith("（虚构）"));
		assertThat(jdbc.sql("SELECT name FROM inclusive_scene ORDER BY id").query(String.class).list())
			.anyMatch(n -> n.contains("乐山大佛")).anyMatch(n -> n.contains("峨眉山")).allSatisfy(n -> assertThat(n).endsWith("（虚构）"));
		long credited = jdbc.sql("SELECT count(*) FROM inclusive_trip WHERE status = 'CREDITED'").query(Long.class).single();
		assertThat(credited).isGreaterThan(1000);
		// each credited trip earned its points through the ledger, as the API's crediting does
		assertThat(jdbc.sql("SELECT count(*) FROM inclusive_ledger_txn WHERE kind = 'EARN' AND reference LIKE 'trip:%'").query(Long.class).single())
			.isEqualTo(credited);
		assertThat(jdbc.sql("SELECT DISTINCT mode FROM inclusive_trip WHERE status = 'CREDITED' ORDER BY mode").query(String.class).list())
			.containsExactly("BUS", "EBUS");
		// the scenic area's shuttle has no verified factor: its trips are refused, never credited with an invented one
		assertThat(jdbc.sql("SELECT DISTINCT status || ' ' || reason FROM inclusive_trip WHERE mode = 'SHUTTLE'").query(String.class).list())
			.containsExactly("REFUSED MODE_NOT_CONFIGURED");
		assertThat(jdbc.sql("SELECT count(*) FROM inclusive_check_in").query(Long.class).single()).isGreaterThan(50);
		assertThat(jdbc.sql("SELECT count(*) FROM inclusive_citizen_badge").query(Long.class).single()).isGreaterThan(50);
		// one forestry project of 沐川, 2,400 tickets issued and withdrawn from the demo sink ledger's increments of 沐川
		assertThat(jdbc.sql("SELECT status FROM inclusive_forestry_project").query(String.class).list()).containsExactly("ISSUED");
		assertThat(jdbc.sql("SELECT sum(tonnes_t) FROM budget_sink_withdrawal WHERE county_code = '511129'").query(java.math.BigDecimal.class).single())
			.isEqualByComparingTo("2400");
		// one event neutralised by retired tickets and donated points, its footprint covered
		assertThat(jdbc.sql("SELECT status FROM inclusive_event").query(String.class).list()).containsExactly("NEUTRALISED");
		assertThat(jdbc.sql("SELECT offset_co2_t >= footprint_co2_t FROM inclusive_event").query(Boolean.class).single()).isTrue();
		assertThat(jdbc.sql("SELECT count(*) FROM inclusive_event_offset WHERE ticket_serial IS NOT NULL").query(Long.class).single()).isPositive();
		assertThat(jdbc.sql("SELECT count(*) FROM inclusive_event_donation").query(Long.class).single()).isPositive();
		mvc.perform(get("/api/v1/inclusive/office/dashboard").with(httpBasic("demo-city", PASSWORD))).andExpect(status().isOk())
			.andExpect(jsonPath("$.users").value(200)).andExpect(jsonPath("$.ticketsIssued").value(2400));
	}

	@Test
	void thePowerDemoHasCertificatesOfThePolysiliconWorksAClaimWithinTheDeclaredAndATargetAndLoadsOnce() throws Exception {
		// DemoPower: made-up GEC lots (32 letters and digits, unique) of the polysilicon enterprises through GecLedger, a claim
		// through GreenClaimBook, a contract, the office's targets for industry 3985
		long wutongqiao = jdbc.sql("SELECT id FROM enterprise WHERE name = '示例五通桥多晶硅有限公司（虚构）'").query(Long.class).single();
		assertThat(jdbc.sql("SELECT DISTINCT e.industry_code FROM power_gec_lot l JOIN enterprise e ON e.id = l.holder_enterprise_id")
			.query(String.class).list()).containsExactly("3985");
		assertThat(jdbc.sql("SELECT code FROM power_gec_lot").query(String.class).list()).hasSize(13)
			.allSatisfy(c -> assertThat(c).matches("DEMO[A-Z0-9]{28}")).doesNotHaveDuplicates();
		assertThat(jdbc.sql("SELECT project_name FROM power_gec_lot").query(String.class).list()).allSatisfy(n -> assertThat(n).startsWith("示例").endsWith("（虚构）"));
		assertThat(jdbc.sql("SELECT DISTINCT technology FROM power_gec_lot WHERE holder_enterprise_id = :e ORDER BY 1").param("e", wutongqiao)
			.query(String.class).list()).containsExactly("HYDRO", "SOLAR", "WIND");
		assertThat(jdbc.sql("SELECT count(*) FROM power_gec_lot WHERE ccer_frozen").query(Long.class).single()).isEqualTo(1);

		int lastYear = jdbc.sql("SELECT year FROM power_green_claim").query(Integer.class).single();
		long claimed = jdbc.sql("SELECT mwh FROM power_green_claim WHERE enterprise_id = :e").param("e", wutongqiao).query(Long.class).single();
		long declared = jdbc.sql("""
				SELECT sum(mwh) FROM power_gec_lot WHERE holder_enterprise_id = :e AND status = 'DECLARED'
				  AND extract(year FROM production_month) = :y""").param("e", wutongqiao).param("y", lastYear).query(Long.class).single();
		assertThat(claimed).isEqualTo(70_000).isLessThan(declared);
		assertThat(jdbc.sql("SELECT sum(cl.mwh) FROM power_green_claim_lot cl").query(Long.class).single()).isEqualTo(claimed);
		assertThat(jdbc.sql("SELECT count(*) FROM power_green_contract WHERE reference LIKE '示例%（虚构）'").query(Long.class).single()).isEqualTo(1);
		assertThat(jdbc.sql("SELECT year || ' ' || target_pct FROM power_share_target WHERE industry_code = '3985' ORDER BY year")
			.query(String.class).list()).containsExactly(lastYear + " 25.00", (lastYear + 1) + " 30.00");
		// the demo's reports hold no electricity: no footprint is made up
		assertThat(jdbc.sql("SELECT count(*) FROM power_footprint").query(Long.class).single()).isZero();

		// the pre-2023 hydro lot: not tradable (and long expired), as the ledger answers it
		String hydro = jdbc.sql("SELECT code FROM power_gec_lot WHERE technology = 'HYDRO' AND production_month < DATE '2023-01-01'")
			.query(String.class).single();
		mvc.perform(get("/api/v1/power/certificates").param("q", hydro).with(httpBasic("demo-city", PASSWORD))).andExpect(status().isOk())
			.andExpect(jsonPath("$.length()").value(1)).andExpect(jsonPath("$[0].tradable").value(false))
			.andExpect(jsonPath("$[0].not_tradable_because").value(containsString("before 2023")))
			.andExpect(jsonPath("$[0].status").value("EXPIRED"));

		// the office's pages show them
		org.springframework.security.core.userdetails.UserDetails city = accounts.loadUserByUsername("demo-city");
		var asCity = org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication(
				org.springframework.security.authentication.UsernamePasswordAuthenticationToken.authenticated(city, null, city.getAuthorities()));
		mvc.perform(get("/power/certificates").with(asCity)).andExpect(status().isOk())
			.andExpect(content().string(containsString(hydro))).andExpect(content().string(containsString("示例五通桥多晶硅有限公司（虚构）")));
		mvc.perform(get("/power/claims").with(asCity)).andExpect(status().isOk())
			.andExpect(content().string(containsString("70000")));
		mvc.perform(get("/power/shares").with(asCity)).andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"target-3985\""))).andExpect(content().string(containsString("示例 乐山市发展改革委（虚构）")));

		// a second load adds nothing
		String counts = """
				SELECT (SELECT count(*) FROM power_gec_lot) || ' ' || (SELECT count(*) FROM power_gec_event) || ' '
				    || (SELECT count(*) FROM power_green_claim) || ' ' || (SELECT count(*) FROM power_green_contract) || ' '
				    || (SELECT count(*) FROM power_share_target) || ' ' || (SELECT count(*) FROM power_footprint)""";
		String before = jdbc.sql(counts).query(String.class).single();
		long lastEvent = lastAuditEvent();
		context.getBean("demoPower", org.springframework.boot.ApplicationRunner.class).run(null);
		assertThat(jdbc.sql(counts).query(String.class).single()).isEqualTo(before);
		assertThat(lastAuditEvent()).isEqualTo(lastEvent);
	}

	private long lastAuditEvent() {
		return SystemActor.call("test", () -> audit.recent(null, 1, 0)).get(0).id();
	}

	/** "county park" of every enterprise in these industries. */
	private static List<String> in(List<Enterprise> all, Map<Long, String> parkCodes, String... industries) {
		Set<String> codes = Set.of(industries);
		return all.stream().filter(e -> codes.contains(e.industryCode()))
			.map(e -> e.countyCode() + " " + (e.parkId() == null ? "-" : parkCodes.get(e.parkId())))
			.toList();
	}
}
