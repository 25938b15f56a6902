package org.peakpilot;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.peakpilot.accounting.Calculation;
import org.peakpilot.accounting.EmissionsAccounting;
import org.peakpilot.accounting.EnergyUse;
import org.peakpilot.accounting.Report;
import org.peakpilot.accounting.ReportContent;
import org.peakpilot.accounting.ReportLine;
import org.peakpilot.accounting.internal.ReportWorkflow;
import org.peakpilot.platform.Role;
import org.peakpilot.platform.SystemActor;
import org.peakpilot.platform.UserAccounts;
import org.peakpilot.registry.Registry;
import org.peakpilot.registry.RegistryModel;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.peakpilot.Counties.JIAJIANG;
import static org.peakpilot.Counties.SHAWAN;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Each role reaches its work: its landing page, its queue on {@code /work} and {@code /accounting/reports} within
 * its scope, a menu without entries it cannot use, the verifier's enterprises picked from a list.
 */
@PeakPilotTest
class WorkQueueTests {

	private static final AtomicInteger SEQ = new AtomicInteger();

	@Autowired
	MockMvc mvc;

	@Autowired
	Registry registry;

	@Autowired
	UserAccounts accounts;

	@Autowired
	EmissionsAccounting accounting;

	@Autowired
	ReportWorkflow workflow;

	Fixtures f;
	RegistryModel.Enterprise shawan;
	RegistryModel.Enterprise jiajiang;
	String steelUser, verifier, shawanOfficer, shawanPark, city;
	long submitted, otherCountySubmitted, verified, returned;

	@BeforeEach
	void reportsInTwoCounties() throws Exception {
		f = new Fixtures(registry, accounts);
		shawan = keyEnterprise("队列沙湾企业", SHAWAN, "3120", f.parkId("SHAWAN-EDZ"));
		jiajiang = keyEnterprise("队列夹江企业", JIAJIANG, "3071", f.parkId("JIAJIANG-EDZ"));
		steelUser = f.user(Role.ENTERPRISE_USER, null, null, shawan.id(), Set.of());
		verifier = f.user(Role.VERIFIER, null, null, null, Set.of(shawan.id()));
		shawanOfficer = f.countyOfficer(SHAWAN);
		shawanPark = f.user(Role.PARK_MANAGER, null, f.parkId("SHAWAN-EDZ"), null, Set.of());
		city = f.cityOfficer();
		submitted = submittedReport(shawan, 2);
		otherCountySubmitted = submittedReport(jiajiang, 2);
		verified = submittedReport(shawan, 3);
		mvc.perform(post("/accounting/reports/" + verified + "/verify").with(f.as(verifier)).with(csrf()))
			.andExpect(status().is3xxRedirection());
		returned = submittedReport(shawan, 4);
		mvc.perform(post("/accounting/reports/" + returned + "/return").param("comment", "电量有误").with(f.as(verifier)).with(csrf()))
			.andExpect(status().is3xxRedirection());
	}

	/** Moves an enterprise's registration this many months back (fixtures register them now). */
	void registeredMonthsAgo(RegistryModel.Enterprise e, int months) {
		SystemActor.call("test", () -> registry.registeredSince(e.id(), java.time.ZonedDateTime.now(ZoneId.of("Asia/Shanghai"))
			.minusMonths(months).toInstant()));
	}

	/** The months (YYYY-M) listed as open on the enterprise user's work page. */
	List<String> openMonths(String user) throws Exception {
		String page = mvc.perform(get("/work").with(f.as(user))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		Matcher m = Pattern.compile("/reports/(\\d{4})/(\\d{1,2})/edit").matcher(page);
		List<String> months = new ArrayList<>();
		while (m.find()) {
			months.add(m.group(1) + "-" + m.group(2));
		}
		return months;
	}

	@Test
	void monthsToFillStartAtTheEnterprisesRegistrationNotAYearBackUnlessAReportWasBegun() throws Exception {
		YearMonth thisMonth = YearMonth.now(ZoneId.of("Asia/Shanghai"));
		RegistryModel.Enterprise fresh = keyEnterprise("新登记企业", SHAWAN, "3120", null);
		String user = f.user(Role.ENTERPRISE_USER, null, null, fresh.id(), Set.of());
		// registered this month: nothing of the past year to fill (the running month only once a draft exists)
		assertThat(openMonths(user)).isEmpty();
		// registered last month: last month only, not the 12 before it
		registeredMonthsAgo(fresh, 1);
		YearMonth last = thisMonth.minusMonths(1);
		assertThat(openMonths(user)).containsExactly(last.getYear() + "-" + last.getMonthValue());
		// a draft begun for a month before the registration is still listed
		YearMonth earlier = thisMonth.minusMonths(5);
		SystemActor.call("test", () -> accounting.saveReport(fresh.id(), earlier.getYear(), earlier.getMonthValue(),
				new org.peakpilot.accounting.ReportContent(null, null, List.of(), List.of())));
		assertThat(openMonths(user)).containsExactly(earlier.getYear() + "-" + earlier.getMonthValue(),
				last.getYear() + "-" + last.getMonthValue());
		// registered two years ago: the full 12 months back
		registeredMonthsAgo(fresh, 24);
		assertThat(openMonths(user)).hasSize(12);
		// a registration is only ever dated back, and only by the city
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> SystemActor.call("test", () -> registry.registeredSince(fresh.id(),
				java.time.Instant.now().plusSeconds(3600)))).isInstanceOf(org.peakpilot.platform.InvalidInputException.class);
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> SystemActor.call("test", () -> registry.registeredSince(fresh.id(),
				java.time.Instant.parse("-100000-01-01T00:00:00Z")))).isInstanceOf(org.peakpilot.platform.InvalidInputException.class);
	}

	@Test
	void theEnterpriseSeesItsMonthsToFillItsReturnedReportsAndItsAlarms() throws Exception {
		YearMonth lastMonth = YearMonth.now(ZoneId.of("Asia/Shanghai")).minusMonths(1);
		registeredMonthsAgo(shawan, 3);
		mvc.perform(get("/work").with(f.as(steelUser))).andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"open-months\"")))
			.andExpect(content().string(containsString(lastMonth.getYear() + " 年 " + lastMonth.getMonthValue() + " 月")))
			.andExpect(content().string(containsString("/accounting/enterprises/" + shawan.id() + "/reports/" + lastMonth.getYear() + "/"
					+ lastMonth.getMonthValue() + "/edit")))
			.andExpect(content().string(containsString("id=\"returned\"")))
			.andExpect(content().string(containsString("/accounting/reports/" + returned + "\"")))
			.andExpect(content().string(containsString("/monitoring/alarms/open-count?enterpriseId=" + shawan.id())))
			.andExpect(content().string(not(containsString(jiajiang.name()))));
		mvc.perform(get("/work").param("lang", "en").with(f.as(steelUser))).andExpect(status().isOk())
			.andExpect(content().string(containsString("Months to fill")))
			.andExpect(content().string(containsString(lastMonth.getMonth().getDisplayName(java.time.format.TextStyle.FULL,
					java.util.Locale.ENGLISH) + " " + lastMonth.getYear())));
		mvc.perform(get("/monitoring/alarms/open-count").param("enterpriseId", String.valueOf(shawan.id())).with(f.as(steelUser)))
			.andExpect(status().isOk()).andExpect(content().string(containsString("id=\"open-alarms\"")));
		// another enterprise's alarms are not even counted
		mvc.perform(get("/monitoring/alarms/open-count").param("enterpriseId", String.valueOf(jiajiang.id())).with(f.as(steelUser)))
			.andExpect(status().isNotFound());
		// its report list shows its months (it used to sit inside the entry-only block, now it is always there)
		mvc.perform(get("/accounting/reports").param("year", "2023").with(f.as(steelUser)))
			.andExpect(content().string(containsString("/accounting/reports/" + submitted + "\"")))
			.andExpect(content().string(not(containsString("/accounting/reports/" + otherCountySubmitted + "\""))));
	}

	@Test
	void theVerifierSeesOnlyTheSubmittedReportsOfItsEnterprises() throws Exception {
		mvc.perform(get("/work").with(f.as(verifier))).andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"to-verify\"")))
			.andExpect(content().string(containsString("/accounting/reports/" + submitted + "\"")))
			.andExpect(content().string(not(containsString("/accounting/reports/" + otherCountySubmitted + "\""))))
			.andExpect(content().string(not(containsString("/accounting/reports/" + verified + "\""))))
			.andExpect(content().string(not(containsString("/accounting/reports/" + returned + "\""))));
		// the report page lists them for the verifier too (it was empty for every role that may not enter data)
		mvc.perform(get("/accounting/reports").param("year", "2023").with(f.as(verifier))).andExpect(status().isOk())
			.andExpect(content().string(containsString("/accounting/reports/" + submitted + "\"")))
			.andExpect(content().string(containsString("/accounting/reports/" + verified + "\"")))
			.andExpect(content().string(not(containsString("/accounting/reports/" + otherCountySubmitted + "\""))))
			.andExpect(content().string(not(containsString("id=\"import-form\""))));
	}

	@Test
	void countyAndParkSeeTheirEnterprisesReportsByStatusAndOverdueNeverAnotherCounty() throws Exception {
		// registered now, it owes 2023 only the report that came back; dated back, the months it never sent as well
		mvc.perform(get("/work").param("year", "2023").with(f.as(shawanOfficer))).andExpect(status().isOk())
			.andExpect(content().string(not(containsString("1, 4–12 月"))));
		registeredMonthsAgo(shawan, 60);
		for (String officer : List.of(shawanOfficer, shawanPark)) {
			mvc.perform(get("/work").param("year", "2023").with(f.as(officer))).andExpect(status().isOk())
				.andExpect(content().string(containsString("id=\"status-counts\"")))
				.andExpect(content().string(containsString("id=\"work-overdue\"")))
				.andExpect(content().string(containsString(shawan.name())))
				// February to April were submitted, April came back: January and April to December are overdue
				.andExpect(content().string(containsString("1, 4–12 月")))
				.andExpect(content().string(containsString("/accounting/enterprises/" + shawan.id() + "/results")))
				.andExpect(content().string(containsString("/monitoring/enterprises/" + shawan.id())))
				.andExpect(content().string(containsString("/accounting/reports/" + submitted + "\"")))
				.andExpect(content().string(not(containsString(jiajiang.name()))))
				.andExpect(content().string(not(containsString("/accounting/reports/" + otherCountySubmitted + "\""))))
				.andExpect(content().string(not(containsString("id=\"to-lock\""))));
			// the row's links open: the enterprise's monitoring and its results on the latest year with data
			mvc.perform(get("/monitoring/enterprises/" + shawan.id()).with(f.as(officer))).andExpect(status().isOk());
			mvc.perform(get("/accounting/enterprises/" + shawan.id() + "/results").with(f.as(officer)))
				.andExpect(redirectedUrl("/accounting/enterprises/" + shawan.id() + "/results/2023"));
			mvc.perform(get("/accounting/enterprises/" + shawan.id() + "/results/2023").with(f.as(officer))).andExpect(status().isOk());
			// filtered by status: only the returned month
			mvc.perform(get("/work").param("year", "2023").param("status", "RETURNED").with(f.as(officer)))
				.andExpect(content().string(containsString("/accounting/reports/" + returned + "\"")))
				.andExpect(content().string(not(containsString("/accounting/reports/" + submitted + "\""))));
			mvc.perform(get("/accounting/reports").param("year", "2023").with(f.as(officer))).andExpect(status().isOk())
				.andExpect(content().string(containsString("/accounting/reports/" + submitted + "\"")))
				.andExpect(content().string(containsString("id=\"overdue\"")))
				.andExpect(content().string(not(containsString(jiajiang.name()))));
			// another county's enterprise as a filter is not found, not an empty list
			mvc.perform(get("/work").param("enterpriseId", String.valueOf(jiajiang.id())).with(f.as(officer)))
				.andExpect(status().isNotFound());
			mvc.perform(get("/accounting/reports").param("enterpriseId", String.valueOf(jiajiang.id())).with(f.as(officer)))
				.andExpect(status().isNotFound());
		}
	}

	@Test
	void theCitySeesEverythingAndWhatWaitsForLocking() throws Exception {
		mvc.perform(get("/work").param("year", "2023").with(f.as(city))).andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"to-lock\"")))
			.andExpect(content().string(containsString("/accounting/reports/" + verified + "\"")))
			.andExpect(content().string(containsString(shawan.name())))
			.andExpect(content().string(containsString(jiajiang.name())));
		// the list pages: 50 rows a page, the pager keeps the filters
		mvc.perform(get("/accounting/reports").param("year", "2023").param("enterpriseId", String.valueOf(jiajiang.id())).with(f.as(city)))
			.andExpect(content().string(containsString("/accounting/reports/" + otherCountySubmitted + "\"")))
			.andExpect(content().string(not(containsString("/accounting/reports/" + submitted + "\""))));
	}

	@Test
	void badQueueParametersAreRefusedNamingTheField() throws Exception {
		mvc.perform(get("/work").param("year", "99999").with(f.as(city))).andExpect(status().isBadRequest());
		mvc.perform(get("/work").param("page", "-1").with(f.as(city))).andExpect(status().isBadRequest());
		mvc.perform(get("/work").param("lockPage", "100001").with(f.as(city))).andExpect(status().isBadRequest())
			.andExpect(r -> assertThat(((org.peakpilot.platform.InvalidInputException) r.getResolvedException()).errors())
				.extracting(org.peakpilot.platform.InputError::field).containsExactly("lockPage"));
		mvc.perform(get("/work").param("overduePage", "99999999999").with(f.as(city))).andExpect(status().isBadRequest());
		mvc.perform(get("/accounting/reports").param("year", "-5").with(f.as(city))).andExpect(status().isBadRequest());
		mvc.perform(get("/work").param("status", "BOGUS").with(f.as(city))).andExpect(status().isBadRequest());
		mvc.perform(get("/work").param("enterpriseId", "x".repeat(5000)).with(f.as(city))).andExpect(status().isBadRequest());
		mvc.perform(get("/work").param("enterpriseId", "999999999999").with(f.as(city))).andExpect(status().isNotFound());
		// far beyond the last page: the last page, not an error
		mvc.perform(get("/work").param("page", "5000").with(f.as(verifier))).andExpect(status().isOk());
	}

	@Test
	void eachRoleLandsOnItsPageAndItsMenuHoldsOnlyWhatItCanUse() throws Exception {
		mvc.perform(get("/").with(f.as(city))).andExpect(redirectedUrl("/plan/cockpit"));
		for (String user : List.of(steelUser, verifier, shawanOfficer, shawanPark)) {
			mvc.perform(get("/").with(f.as(user))).andExpect(redirectedUrl("/work"));
		}
		mvc.perform(get("/plan/import").with(f.as(steelUser))).andExpect(status().isForbidden());
		mvc.perform(get("/plan/import").with(f.as(shawanOfficer))).andExpect(status().isForbidden());
		mvc.perform(get("/plan/import").with(f.as(city))).andExpect(status().isOk());
		mvc.perform(get("/work").with(f.as(steelUser))).andExpect(content().string(not(containsString("id=\"nav-import\""))))
			.andExpect(content().string(not(containsString("href=\"/plan/import\""))));
		mvc.perform(get("/work").with(f.as(city))).andExpect(content().string(containsString("id=\"nav-import\"")));
		String admin = f.user(Role.CITY_ADMIN, null, null, null, Set.of());
		for (String user : List.of(steelUser, verifier, shawanOfficer, shawanPark, city, admin)) {
			String page = mvc.perform(get("/work").with(f.as(user))).andExpect(status().isOk()).andReturn().getResponse()
				.getContentAsString();
			List<String> links = menu(page);
			assertThat(links).as(user).contains("/work");
			for (String link : links) {
				var response = mvc.perform(get(link).with(f.as(user))).andReturn().getResponse();
				if (response.getStatus() == 302) { // e.g. /monitoring sends each role to its own view
					response = mvc.perform(get(response.getRedirectedUrl()).with(f.as(user))).andReturn().getResponse();
				}
				assertThat(response.getStatus()).as(user + " " + link).isEqualTo(200);
			}
		}
	}

	@Test
	void theVerifiersEnterprisesArePickedFromAListNotTypedAsIds() throws Exception {
		String admin = f.user(Role.CITY_ADMIN, null, null, null, Set.of());
		mvc.perform(get("/admin/users/new").with(f.as(admin))).andExpect(status().isOk())
			.andExpect(content().string(containsString("name=\"assignedEnterprises\" value=\"" + shawan.id() + "\"")))
			.andExpect(content().string(containsString(shawan.uscc())))
			.andExpect(content().string(containsString("id=\"assigned-filter\"")))
			.andExpect(content().string(containsString("<option value=\"511111\"")));
		String name = "queue-verifier-" + SEQ.incrementAndGet() + "-" + System.nanoTime();
		mvc.perform(post("/admin/users").with(f.as(admin)).with(csrf()).param("username", name).param("displayName", "核查")
			.param("password", Fixtures.PASSWORD).param("role", "VERIFIER")
			.param("assignedEnterprises", String.valueOf(shawan.id())).param("assignedEnterprises", String.valueOf(jiajiang.id()))
			.param("enabled", "true"))
			.andExpect(status().is3xxRedirection());
		mvc.perform(get("/api/v1/registry/enterprises").with(httpBasic(name, Fixtures.PASSWORD)))
			.andExpect(jsonPath("$[*].id").value(containsInAnyOrder((int) shawan.id(), (int) jiajiang.id())));
		// an ID that is not a number or no enterprise is refused on the form, naming the field
		mvc.perform(post("/admin/users").with(f.as(admin)).with(csrf()).param("username", name + "-x").param("displayName", "核查")
			.param("password", Fixtures.PASSWORD).param("role", "VERIFIER").param("assignedEnterprises", "99999999999"))
			.andExpect(status().isOk()).andExpect(content().string(containsString("assignedEnterprises")));
	}

	@Test
	void resultsOpenOnTheLatestYearWithData() throws Exception {
		mvc.perform(get("/accounting/enterprises/" + shawan.id() + "/results").with(f.as(steelUser)))
			.andExpect(redirectedUrl("/accounting/enterprises/" + shawan.id() + "/results/2023"));
		mvc.perform(get("/accounting/results").with(f.as(steelUser))).andExpect(status().isOk())
			.andExpect(model().attribute("year", 2023));
		mvc.perform(get("/accounting/enterprises/" + jiajiang.id() + "/results").with(f.as(steelUser)))
			.andExpect(status().isNotFound());
		// without any report (a newly registered enterprise, a county without reports) they open on last year
		int lastYear = java.time.Year.now(java.time.ZoneId.of("Asia/Shanghai")).getValue() - 1;
		RegistryModel.Enterprise empty = keyEnterprise("无报告企业", Counties.JINKOUHE, "3011", null);
		String emptyUser = f.user(Role.ENTERPRISE_USER, null, null, empty.id(), java.util.Set.of());
		mvc.perform(get("/accounting/enterprises/" + empty.id() + "/results").with(f.as(emptyUser)))
			.andExpect(redirectedUrl("/accounting/enterprises/" + empty.id() + "/results/" + lastYear));
		mvc.perform(get("/accounting/results").with(f.as(emptyUser))).andExpect(status().isOk())
			.andExpect(model().attribute("year", lastYear));
	}

	/** The links of the page's main menu. */
	private static List<String> menu(String page) {
		String nav = page.substring(page.indexOf("<nav class=\"mainnav\">"), page.indexOf("</nav>"));
		List<String> links = new ArrayList<>();
		Matcher m = Pattern.compile("href=\"([^\"]+)\"").matcher(nav);
		while (m.find()) {
			links.add(m.group(1));
		}
		return links;
	}

	private RegistryModel.Enterprise keyEnterprise(String name, String county, String industry, Long parkId) {
		return SystemActor.call("test", () -> registry.register(new RegistryModel.EnterpriseForm(Fixtures.uscc(county),
				name + "-" + SEQ.incrementAndGet() + "-" + System.nanoTime(), county, industry, parkId, true, new BigDecimal("20000"))));
	}

	/** A 2023 month of the enterprise with one electricity line, submitted. */
	private long submittedReport(RegistryModel.Enterprise e, int month) {
		return SystemActor.call("test", () -> {
			Report r = accounting.saveReport(e.id(), 2023, month, new ReportContent(null, null,
					List.of(new ReportLine(new Calculation.Line(Calculation.LineType.ELECTRICITY, null, new BigDecimal("100000"),
							"kWh", null, null, null, null, null, null, null, null, null, null), EnergyUse.ENERGY)),
					List.of()));
			return workflow.submit(r.id()).id();
		});
	}
}
