package org.peakpilot;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Set;

import com.jayway.jsonpath.JsonPath;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.peakpilot.platform.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.peakpilot.Counties.SHAWAN;
import static org.peakpilot.Counties.SHIZHONG;
import static org.peakpilot.Counties.WUTONGQIAO;
import static org.peakpilot.Fixtures.basic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The budget pages (issue 12): the cockpit with the identity and "no execution data yet", scope (a county officer
 * sees its county, others 403), refused input shown on the form naming the field (never a 500), the Excel export
 * holding the page's figures, and the public page. Each test uses its own year: budgets are city-wide.
 */
@PeakPilotTest
class BudgetPagesTests {

	static final String DRAFT = """
			{"base_intensity_t_per_10k_cny": 1.2, "decline_rate": 0.04, "forecast_gdp_10k_cny": 10000000,
			 "reserve_share": 0.05, "pool_t": 200000, "sink_credit_t": 30000, "source": "page test inputs"}""";

	static final String BY_GDP = BudgetFixtures.BY_GDP;

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	/** A draft of {@code year} allocated by GDP to three counties through the API; its JSON. */
	String allocated(int year) throws Exception {
		return new BudgetFixtures(mvc).allocated(basic(fixtures.cityOfficer()), year, DRAFT);
	}

	static String grouped(BigDecimal v) {
		return String.format(java.util.Locale.ROOT, "%,d", v.setScale(0, RoundingMode.HALF_UP).longValueExact());
	}

	@Test
	void theCockpitShowsTheIdentityTheCountiesAndNoExecutionDataYet() throws Exception {
		allocated(2061);
		// total = 1.2 × (1 − 0.04) × 10,000,000 = 11,520,000 t; reserve 5 % = 576,000 (+ the sub-tonne rest, none here)
		BigDecimal total = new BigDecimal("1.2").multiply(new BigDecimal("0.96")).multiply(new BigDecimal("10000000"));
		BigDecimal allocatable = total.subtract(total.multiply(new BigDecimal("0.05"))).subtract(new BigDecimal("230000"));
		// Shizhong: allocatable × 6.5 ÷ 10.7, within a tonne (largest remainder)
		BigDecimal shizhong = allocatable.multiply(new BigDecimal("6500000")).divide(new BigDecimal("10700000"), 6, RoundingMode.HALF_UP);
		String office = fixtures.cityOfficer();
		String page = mvc.perform(get("/budget/2061").with(fixtures.as(office))).andExpect(status().isOk())
			.andExpect(content().string(containsString("暂无执行数据")))
			.andExpect(content().string(containsString("data-holds=\"true\"")))
			.andExpect(content().string(containsString(grouped(total))))
			.andExpect(content().string(containsString(grouped(allocatable))))
			.andExpect(content().string(containsString("id=\"monthly-path-card\"")))
			.andReturn().getResponse().getContentAsString();
		assertThat(page).contains("data-code=\"" + SHIZHONG + "\"", "data-code=\"" + SHAWAN + "\"", "data-code=\"" + WUTONGQIAO + "\"");
		String budgetCell = page.substring(page.indexOf("data-code=\"" + SHIZHONG + "\""));
		budgetCell = budgetCell.substring(budgetCell.indexOf("data-value=\"") + 12);
		BigDecimal shown = new BigDecimal(budgetCell.substring(0, budgetCell.indexOf('"')));
		assertThat(shown.subtract(shizhong).abs()).isLessThan(BigDecimal.ONE);
		// English
		mvc.perform(get("/budget/2061").param("lang", "en").with(fixtures.as(office))).andExpect(status().isOk())
			.andExpect(content().string(containsString("no execution data yet")))
			.andExpect(content().string(containsString("Carbon budget cockpit 2061")));
		// drill-down to a county: its detail and the monthly-path fragment
		mvc.perform(get("/budget/2061").param("holder", SHAWAN).with(fixtures.as(office))).andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"holder-detail\"")))
			.andExpect(content().string(containsString("沙湾区：月度预算路径")));
	}

	@Test
	void aCountyOfficerSeesItsCountyAndOthersAreRefused() throws Exception {
		allocated(2062);
		String shawan = fixtures.countyOfficer(SHAWAN);
		String page = mvc.perform(get("/budget/2062").with(fixtures.as(shawan))).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString();
		assertThat(page).contains("data-code=\"" + SHAWAN + "\"").doesNotContain("data-code=\"" + SHIZHONG + "\"")
			.contains("id=\"to-allocation\"");
		String workspace = mvc.perform(get("/budget/2062/allocation").with(fixtures.as(shawan))).andExpect(status().isOk()).andReturn()
			.getResponse().getContentAsString();
		assertThat(workspace).doesNotContain("id=\"draft-form\"").doesNotContain("id=\"inputs\"").contains("data-code=\"" + SHAWAN + "\"")
			.doesNotContain("data-code=\"" + SHIZHONG + "\"");
		mvc.perform(post("/budget/2062/drafts").with(fixtures.as(shawan)).with(csrf()).param("base_intensity_t_per_10k_cny", "1")
			.param("decline_rate", "0.03").param("forecast_gdp_10k_cny", "100").param("source", "x")).andExpect(status().isForbidden());
		mvc.perform(post("/budget/2062/allocation").with(fixtures.as(shawan)).with(csrf()).param("version", "1").param("action", "allocate")
			.param("method", "GDP_SHARE").param("holders[0].code", SHAWAN).param("holders[0].gdp", "1")).andExpect(status().isForbidden());
		long enterprise = fixtures.enterprise(SHAWAN, "3120", null).id();
		String verifier = fixtures.user(Role.VERIFIER, null, null, null, Set.of(enterprise));
		for (String other : List.of(fixtures.user(Role.ENTERPRISE_USER, null, null, enterprise, Set.of()),
				fixtures.user(Role.PARK_MANAGER, null, fixtures.parkId("SHAWAN-EDZ"), null, Set.of()), verifier)) {
			if (other.equals(verifier)) {
				mvc.perform(get("/budget/2062").with(fixtures.as(other))).andExpect(status().isForbidden());
			}
			else {
				// a park manager or an enterprise sees "my budget": nothing of a year not published, no county's line
				String mine = mvc.perform(get("/budget/2062").with(fixtures.as(other))).andExpect(status().isOk()).andReturn().getResponse()
					.getContentAsString();
				assertThat(mine).contains("data-state=\"notPublished\"").doesNotContain("data-code=\"" + SHAWAN + "\"");
			}
			mvc.perform(get("/budget/2062/allocation").with(fixtures.as(other))).andExpect(status().isForbidden());
			mvc.perform(get("/budget/2062/export").with(fixtures.as(other))).andExpect(status().isForbidden());
			String menu = mvc.perform(get("/work").with(fixtures.as(other))).andReturn().getResponse().getContentAsString();
			if (other.equals(verifier)) {
				assertThat(menu).doesNotContain("id=\"nav-budget\"");
			}
			else {
				assertThat(menu).contains("id=\"nav-budget\"");
			}
		}
		assertThat(mvc.perform(get("/budget/2062").with(fixtures.as(shawan))).andReturn().getResponse().getContentAsString())
			.contains("id=\"nav-budget\"");
	}

	@Test
	void refusedDraftInputComesBackOnTheFormNamingTheField() throws Exception {
		String office = fixtures.cityOfficer();
		MockHttpServletRequestBuilder draft = post("/budget/2063/drafts").with(fixtures.as(office)).with(csrf())
			.param("base_intensity_t_per_10k_cny", "-1").param("decline_rate", "0.03").param("forecast_gdp_10k_cny", "1000")
			.param("reserve_share", "1.5").param("source", "测试");
		var result = mvc.perform(draft).andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/budget/2063/allocation#draft-form"))
			.andReturn();
		@SuppressWarnings("unchecked")
		List<org.peakpilot.platform.InputError> errors = (List<org.peakpilot.platform.InputError>) result.getFlashMap().get("errors");
		assertThat(errors).extracting(org.peakpilot.platform.InputError::field).contains("base_intensity_t_per_10k_cny", "reserve_share");
		// the page shows the field's error next to it and keeps what was typed
		String page = mvc.perform(get("/budget/2063/allocation").with(fixtures.as(office)).cookie(Fixtures.session(result)))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(page).contains("id=\"input-errors\"", "class=\"field-error\"", "value=\"-1\"", "value=\"1.5\"");
		// letters, a huge number: a field error, never a 500
		mvc.perform(post("/budget/2063/drafts").with(fixtures.as(office)).with(csrf()).param("base_intensity_t_per_10k_cny", "abc")
			.param("forecast_gdp_10k_cny", "1e999999").param("decline_rate", "0.03").param("source", "x".repeat(3000)))
			.andExpect(status().is3xxRedirection()).andExpect(flash().attributeExists("errors"));
	}

	@Test
	void refusedCountyFiguresComeBackWithEverythingEntered() throws Exception {
		allocated(2064);
		String office = fixtures.cityOfficer();
		String page = mvc.perform(post("/budget/2064/allocation").with(fixtures.as(office)).with(csrf()).param("version", "1")
			.param("action", "compare").param("methods", "GDP_SHARE", "POPULATION_SHARE")
			.param("holders[0].code", SHIZHONG).param("holders[0].gdp", "abc").param("holders[0].population", "780000")
			.param("holders[1].code", SHAWAN).param("holders[1].gdp", "-5").param("holders[1].population", "170000")
			.param("holders[2].code", WUTONGQIAO).param("holders[2].gdp", "1e999999").param("holders[2].population", "280000"))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(page).contains("holders[0].gdp: ", "value=\"780000\"", "value=\"170000\"").doesNotContain("id=\"comparison\"");
		assertThat(page).contains("holders[2].gdp");
		// an attacker's row index beyond the bound of holders, an unknown method: refused on the page, not a 500
		mvc.perform(post("/budget/2064/allocation").with(fixtures.as(office)).with(csrf()).param("version", "1").param("action", "compare")
			.param("methods", "NO_SUCH_METHOD").param("holders[999999].code", SHIZHONG).param("holders[999999].gdp", "1"))
			.andExpect(status().is4xxClientError());
		// a valid comparison: two methods side by side, each summing to the allocatable
		String compared = mvc.perform(post("/budget/2064/allocation").with(fixtures.as(office)).with(csrf()).param("version", "1")
			.param("action", "compare").param("methods", "GDP_SHARE", "POPULATION_SHARE")
			.param("holders[0].code", SHIZHONG).param("holders[0].gdp", "6,500,000").param("holders[0].population", "780000")
			.param("holders[1].code", SHAWAN).param("holders[1].gdp", "2400000").param("holders[1].population", "170000")
			.param("holders[2].code", WUTONGQIAO).param("holders[2].gdp", "1800000").param("holders[2].population", "280000"))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(compared).contains("id=\"comparison\"", "data-method=\"GDP_SHARE\"", "data-method=\"POPULATION_SHARE\"");
		// allocating a version past its draft is said on the page, not a 500
		mvc.perform(post("/api/v1/budget/years/2064/versions/1/advance").with(basic(office))).andExpect(status().isOk());
		mvc.perform(post("/budget/2064/allocation").with(fixtures.as(office)).with(csrf()).param("version", "1").param("action", "allocate")
			.param("method", "GDP_SHARE").param("holders[0].code", SHIZHONG).param("holders[0].gdp", "1"))
			.andExpect(status().isOk()).andExpect(content().string(containsString("id=\"input-errors\"")));
	}

	@Test
	void aStepsCommentTooLongComesBackToTheStepsNotA500() throws Exception {
		allocated(2067);
		String office = fixtures.cityOfficer();
		mvc.perform(post("/budget/2067/versions/1/advance").with(fixtures.as(office)).with(csrf()).param("comment", "长".repeat(2001)))
			.andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/budget/2067/allocation?version=1#steps"))
			.andExpect(flash().attributeExists("stepErrors"));
		// publishing a draft skips the reviews: refused, said at the steps
		mvc.perform(post("/budget/2067/versions/1/publish").with(fixtures.as(office)).with(csrf()))
			.andExpect(status().is3xxRedirection()).andExpect(flash().attributeExists("stepErrors"));
		mvc.perform(post("/budget/2067/versions/1/advance").with(fixtures.as(office)).with(csrf()).param("comment", "到区县"))
			.andExpect(status().is3xxRedirection()).andExpect(flash().attribute("stepped", org.peakpilot.budget.internal.BudgetVersions.Status.COUNTY_REVIEW));
		// another year's version that does not exist: 404, not 500
		mvc.perform(get("/budget/2067/allocation").param("version", "99").with(fixtures.as(office))).andExpect(status().isNotFound());
		mvc.perform(get("/budget/1999").with(fixtures.as(office))).andExpect(status().isBadRequest());
	}

	@Test
	void theExcelExportHoldsTheCockpitsFigures() throws Exception {
		String json = allocated(2065);
		String office = fixtures.cityOfficer();
		byte[] xlsx = mvc.perform(get("/budget/2065/export").with(fixtures.as(office))).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsByteArray();
		try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
			Sheet holders = wb.getSheet("预算单位 Holders");
			List<Object> codes = JsonPath.read(json, "$.holders[*].code");
			List<Object> budgets = JsonPath.read(json, "$.holders[*].budget_t");
			for (int i = 0; i < codes.size(); i++) {
				Row row = holders.getRow(i + 1);
				assertThat(row.getCell(0).getStringCellValue()).isEqualTo(codes.get(i));
				assertThat(BigDecimal.valueOf(row.getCell(6).getNumericCellValue())).isEqualByComparingTo(budgets.get(i).toString());
				assertThat(row.getCell(7).getStringCellValue()).contains("暂无执行数据");
			}
			Sheet city = wb.getSheet("城市预算 City budget");
			assertThat(city.getRow(4).getCell(1).getNumericCellValue()).isEqualTo(((Number) JsonPath.read(json, "$.total_t")).doubleValue());
			assertThat(city.getRow(9).getCell(1).getStringCellValue()).isEqualTo("成立 holds");
			assertThat(wb.getSheet("版本 Versions").getRow(1).getCell(1).getStringCellValue()).isEqualTo("DRAFT");
		}
	}

	@Test
	void thePublicPageShowsPublishedBudgetsOnly() throws Exception {
		allocated(2066);
		mvc.perform(get("/public/budget/2066")).andExpect(status().isOk())
			.andExpect(content().string(containsString("2066 年尚无已发布的碳预算")))
			.andExpect(content().string(not(containsString("data-code=\"" + SHIZHONG + "\""))));
		String office = fixtures.cityOfficer();
		String county = fixtures.countyOfficer(SHIZHONG);
		new BudgetFixtures(mvc).approve(basic(office), basic(county), BudgetFixtures.versions(2066) + "/1");
		mvc.perform(get("/public/budget/2066")).andExpect(status().isOk())
			.andExpect(content().string(containsString("data-code=\"" + SHIZHONG + "\"")))
			.andExpect(content().string(not(containsString("page test inputs\u0000"))));
	}
}
