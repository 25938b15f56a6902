package org.peakpilot;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.peakpilot.platform.Role;
import org.peakpilot.platform.UserAccounts;
import org.peakpilot.registry.Registry;
import org.peakpilot.registry.RegistryModel;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.peakpilot.Counties.EMEISHAN;
import static org.peakpilot.Counties.SHAWAN;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The structured monthly form (sections of the national templates): each section posted from the page is stored as
 * its report lines, with the figures of the stateless calculator shown before saving; bad values name their section,
 * row and field and save nothing; another enterprise's form and another industry's products are refused.
 */
@PeakPilotTest
class ReportFormTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Registry registry;

	@Autowired
	UserAccounts accounts;

	@Autowired
	org.springframework.jdbc.core.simple.JdbcClient jdbc;

	/** One row of each section of a cement plant's month, as the page posts them. */
	static MockHttpServletRequestBuilder everySection(MockHttpServletRequestBuilder b) {
		return b
			// 化石燃料燃烧: bituminous coal with a measured oxidation rate of 90 %; raw coal of the anthracite class
			.param("type0", "FUEL").param("n0", "1").param("factor0", "BITUMINOUS-COAL").param("quantity0", "1000").param("unit0", "t")
			.param("ofPct0", "90").param("use0", "ENERGY")
			.param("type1", "FUEL").param("n1", "2").param("factor1", "RAW-COAL").param("quantity1", "500000").param("unit1", "kg")
			.param("coalClass1", "ANTHRACITE")
			.param("type2", "FUEL").param("n2", "3").param("factor2", "").param("quantity2", "")
			// 过程排放: clinker with its analysis, limestone of 90 % purity
			.param("method6", "CLINKER|PORTLAND").param("n6", "1").param("quantity6", "10000").param("unit6", "t")
			.param("caoPct6", "65").param("mgoPct6", "2")
			.param("method7", "CARBONATE|CARBONATE-CACO3").param("n7", "2").param("quantity7", "100").param("unit7", "t")
			.param("fractionPct7", "90")
			.param("method8", "").param("n8", "3")
			// 净购入电力、热力 (steam in tonnes at 1 MPa, 250 °C)
			.param("type10", "ELECTRICITY").param("n10", "1").param("quantity10", "1000").param("unit10", "MWh")
			.param("type12", "HEAT").param("n12", "1").param("quantity12", "100").param("unit12", "t").param("pressure12", "1")
			.param("temperature12", "250")
			// 输出电力、热力
			.param("type14", "ELECTRICITY_EXPORT").param("n14", "1").param("quantity14", "100").param("unit14", "MWh")
			.param("type15", "HEAT_EXPORT").param("n15", "1").param("quantity15", "50").param("unit15", "GJ")
			// 产品产量, 产值
			.param("product_CLINKER", "10000").param("product_CEMENT", "12000").param("outputValue10kCny", "4000")
			.param("valueAdded10kCny", "1000");
	}

	@Test
	void aSavedReportShowsItsDefaultsFromTheirStoredFieldsNotFromTheEnglishNotesAndOlderLinesStillFromTheirNotes() throws Exception {
		Fixtures f = new Fixtures(registry, accounts);
		RegistryModel.Enterprise cement = f.enterprise(EMEISHAN, "3011", null);
		String user = f.user(Role.ENTERPRISE_USER, null, null, cement.id(), Set.of());
		String location = mvc.perform(everySection(post("/accounting/enterprises/" + cement.id() + "/reports/2023/6")).with(f.as(user)).with(csrf()))
			.andExpect(status().is3xxRedirection()).andReturn().getResponse().getHeader("Location");
		java.util.regex.Matcher id = java.util.regex.Pattern.compile("/accounting/reports/(\\d+)").matcher(location);
		assertThat(id.find()).as(location).isTrue();
		long reportId = Long.parseLong(id.group(1));
		String line = """
				SELECT %s FROM accounting_result x JOIN accounting_computation c ON c.id = x.computation_id
				LEFT JOIN accounting_result_defaults d ON d.id = x.defaults_id
				WHERE c.report_id = :r AND c.superseded_at IS NULL AND x.line_no = 1""";
		// raw coal of the anthracite class assumed the anthracite's carbon content: stored as its fields
		String defaults = jdbc.sql(line.formatted("d.defaults::text")).param("r", reportId).query(String.class).single();
		assertThat(com.jayway.jsonpath.JsonPath.<List<Object>>read(defaults, "$[?(@.parameter == 'carbonContent')].value")).hasSize(1)
			.allSatisfy(v -> assertThat(new java.math.BigDecimal(v.toString())).isEqualByComparingTo("27.4"));
		String notes = jdbc.sql(line.formatted("accounting_result_notes(x.notes, d.notes)::text")).param("r", reportId).query(String.class).single();
		String shown = "缺省值：单位热值含碳量 27.4 吨碳/太焦（无烟煤，GB/T 32151.22-2024 附录C 表C.1";
		// without its English notes the line still shows its defaults, in either language: the page reads the fields
		String update = """
				UPDATE accounting_result x SET %s FROM accounting_computation c
				WHERE c.id = x.computation_id AND c.report_id = :r AND c.superseded_at IS NULL AND x.line_no = 1""";
		jdbc.sql(update.formatted("notes = '[]'")).param("r", reportId).update();
		mvc.perform(get("/accounting/reports/" + reportId).with(f.as(user))).andExpect(status().isOk())
			.andExpect(content().string(containsString(shown)));
		mvc.perform(get("/accounting/reports/" + reportId + "?lang=en").with(f.as(user))).andExpect(status().isOk())
			.andExpect(content().string(containsString("Default: carbon content 27.4")));
		// a line stored before the fields were (defaults NULL) shows them from its notes, as before
		jdbc.sql(update.formatted("notes = CAST(:notes AS jsonb), defaults_id = NULL")).param("r", reportId).param("notes", notes).update();
		mvc.perform(get("/accounting/reports/" + reportId).with(f.as(user))).andExpect(status().isOk())
			.andExpect(content().string(containsString(shown)));
	}

	@Test
	void everySectionOfTheFormIsStoredAsItsLinesWithTheCalculatorsFiguresShownBeforeSaving() throws Exception {
		Fixtures f = new Fixtures(registry, accounts);
		RegistryModel.Enterprise cement = f.enterprise(EMEISHAN, "3011", null);
		String user = f.user(Role.ENTERPRISE_USER, null, null, cement.id(), Set.of());
		String base = "/accounting/enterprises/" + cement.id() + "/reports/2023/5";
		// the form: Chinese fuel names, the cement methods and products only
		mvc.perform(get(base + "/edit").with(f.as(user))).andExpect(status().isOk())
			.andExpect(content().string(containsString("烟煤")))
			.andExpect(content().string(containsString("原煤")))
			.andExpect(content().string(containsString("value=\"CLINKER|PORTLAND\"")))
			.andExpect(content().string(containsString("product_CLINKER")))
			.andExpect(content().string(not(containsString("product_CRUDE_STEEL"))))
			.andExpect(content().string(not(containsString("STEEL-FIXED-CRUDE-STEEL"))))
			.andExpect(content().string(not(containsString("IPCC-ANTHRACITE"))));
		// Hand calculation (reference rows of shared/reference, Sichuan 2023 grid factor):
		// bituminous 1000 t × 19.57 GJ/t × 26.1 tC/TJ ÷ 1000 × 0.90 × 44/12 = 1685.5641
		// raw coal 500 t × 20.908 GJ/t × 27.4 (anthracite) ÷ 1000 × 0.94 (anthracite) × 44/12 = 987.261821
		// clinker 10000 t × (0.65 × 0.7857 + 0.02 × 1.1) = 5327.05; limestone 100 t × 0.4397 × 0.9 = 39.573
		// electricity 1000 MWh × 0.1564 = 156.4; steam 100 t × (2943.22 − 83.74) ÷ 1000 = 285.948 GJ × 0.11 = 31.45428
		// exported 100 MWh × 0.1564 = −15.64, exported 50 GJ × 0.11 = −5.5; total 8206.163201
		mvc.perform(everySection(post(base + "/calculate")).with(f.as(user)).with(csrf())).andExpect(status().isOk())
			// rounded for reading (2 decimals, grouped), the full figure on hover
			.andExpect(content().string(containsString(">8,206.16</b>")))
			.andExpect(content().string(containsString("data-value=\"8206.163201\"")))
			.andExpect(content().string(containsString("1,685.56 吨二氧化碳")))
			.andExpect(content().string(containsString("title=\"1685.5641\"")))
			.andExpect(content().string(containsString("987.26 吨二氧化碳")))
			.andExpect(content().string(containsString("5,327.05 吨二氧化碳")))
			.andExpect(content().string(containsString("31.45 吨二氧化碳")))
			.andExpect(content().string(containsString("title=\"31.45428\"")))
			.andExpect(content().string(containsString("data-row-figure=\"12\"")))
			.andExpect(content().string(containsString("缺省值：单位热值含碳量 27.4 吨碳/太焦（无烟煤，GB/T 32151.22-2024 附录C 表C.1")))
			.andExpect(content().string(containsString("实测碳氧化率 90 %")));
		// nothing is saved by calculating
		mvc.perform(get("/api/v1/accounting/enterprises/" + cement.id() + "/reports/2023/5").with(f.as(user)))
			.andExpect(status().isNotFound());
		String location = mvc.perform(everySection(post(base)).with(f.as(user)).with(csrf()))
			.andExpect(status().is3xxRedirection()).andReturn().getResponse().getHeader("Location");
		mvc.perform(get("/api/v1/accounting/enterprises/" + cement.id() + "/reports/2023/5").with(f.as(user)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.content.lines.length()").value(8))
			.andExpect(jsonPath("$.content.lines[0].line.measuredOxidationRate").value(0.9))
			.andExpect(jsonPath("$.content.lines[1].line.coalClass").value("ANTHRACITE"))
			.andExpect(jsonPath("$.content.lines[1].line.quantity").value(500000))
			.andExpect(jsonPath("$.content.lines[1].line.unit").value("kg"))
			.andExpect(jsonPath("$.content.lines[2].line.type").value("CLINKER"))
			.andExpect(jsonPath("$.content.lines[2].line.caoFraction").value(0.65))
			.andExpect(jsonPath("$.content.lines[3].line.fraction").value(0.9))
			.andExpect(jsonPath("$.content.lines[5].line.steamPressureMpa").value(1))
			.andExpect(jsonPath("$.content.lines[5].line.steamTemperatureC").value(250))
			.andExpect(jsonPath("$.content.products.length()").value(2))
			.andExpect(jsonPath("$.summary.totalCo2T").value(8206.163201));
		// the stateless calculator on the same lines gives the same figure
		mvc.perform(post("/api/v1/accounting/calculations").with(f.as(user)).contentType(MediaType.APPLICATION_JSON).content("""
				{"year": 2023, "lines": [
				  {"type": "FUEL", "factorCode": "BITUMINOUS-COAL", "quantity": 1000, "unit": "t", "measuredOxidationRate": 0.9},
				  {"type": "FUEL", "factorCode": "RAW-COAL", "quantity": 500, "unit": "t", "coalClass": "ANTHRACITE"},
				  {"type": "CLINKER", "quantity": 10000, "caoFraction": 0.65, "mgoFraction": 0.02},
				  {"type": "CARBONATE", "factorCode": "CARBONATE-CACO3", "quantity": 100, "fraction": 0.9},
				  {"type": "ELECTRICITY", "quantity": 1000, "unit": "MWh"},
				  {"type": "HEAT", "quantity": 100, "unit": "t", "steamPressureMpa": 1, "steamTemperatureC": 250},
				  {"type": "ELECTRICITY_EXPORT", "quantity": 100, "unit": "MWh"},
				  {"type": "HEAT_EXPORT", "quantity": 50, "unit": "GJ"}]}
				"""))
			.andExpect(status().isOk()).andExpect(jsonPath("$.totals.totalCo2T").value(8206.163201))
			.andExpect(jsonPath("$.lines[1].defaults[1].parameter").value("carbonContent"))
			.andExpect(jsonPath("$.lines[1].defaults[1].factorCode").value("ANTHRACITE"));
		// the report shows every default assumed, and the form shows the stored lines again
		mvc.perform(get(location).with(f.as(user))).andExpect(status().isOk())
			.andExpect(content().string(containsString("缺省值：碳氧化率 94 %（无烟煤，")))
			.andExpect(content().string(containsString("En = 2943.22 千焦/千克")));
		mvc.perform(get(base + "/edit").with(f.as(user))).andExpect(status().isOk())
			.andExpect(content().string(matchesPattern("(?s).*value=\"ANTHRACITE\"[^>]*selected.*")))
			.andExpect(content().string(containsString("name=\"ofPct0\" value=\"90\"")))
			.andExpect(content().string(containsString("name=\"temperature12\" value=\"250\"")));
	}

	@Test
	void anInvalidMeasuredParameterNamesSectionRowAndFieldAndSavesNothing() throws Exception {
		Fixtures f = new Fixtures(registry, accounts);
		RegistryModel.Enterprise cement = f.enterprise(EMEISHAN, "3011", null);
		String user = f.user(Role.ENTERPRISE_USER, null, null, cement.id(), Set.of());
		String base = "/accounting/enterprises/" + cement.id() + "/reports/2023/6";
		MockHttpServletRequestBuilder bad = post(base).with(f.as(user)).with(csrf())
			.param("type0", "FUEL").param("n0", "1").param("factor0", "NATURAL-GAS").param("quantity0", "12").param("unit0", "10^4 Nm3")
			.param("type1", "FUEL").param("n1", "2").param("factor1", "DIESEL").param("quantity1", "3").param("unit1", "t")
			.param("cc1", "-5");
		mvc.perform(bad).andExpect(status().isOk())
			.andExpect(content().string(containsString("化石燃料燃烧 第 2 行 · 单位热值含碳量 tC/TJ（实测）: must be positive")));
		mvc.perform(post(base).with(f.as(user)).with(csrf()).param("type0", "FUEL").param("n0", "1").param("factor0", "DIESEL")
			.param("quantity0", "3").param("unit0", "t").param("ofPct0", "150"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("化石燃料燃烧 第 1 行 · 碳氧化率 %（实测）: a percentage lies between 0 and 100")));
		// steam above the formulation's range, and a raw coal with neither class nor carbon content
		mvc.perform(post(base + "/calculate").with(f.as(user)).with(csrf())
			.param("type12", "HEAT").param("n12", "1").param("quantity12", "10").param("unit12", "t").param("pressure12", "30")
			.param("type1", "FUEL").param("n1", "2").param("factor1", "RAW-COAL").param("quantity1", "10").param("unit1", "t"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("化石燃料燃烧 第 2 行 · 原煤煤种: RAW-COAL has no default carbon content")))
			.andExpect(content().string(containsString("净购入热力 第 1 行 · 蒸汽压力 MPa（绝对）: 30 MPa is outside")));
		mvc.perform(get("/api/v1/accounting/enterprises/" + cement.id() + "/reports/2023/6").with(f.as(user)))
			.andExpect(status().isNotFound());
		// English names on the English page
		mvc.perform(bad.param("lang", "en")).andExpect(status().isOk())
			.andExpect(content().string(containsString("Fuel combustion row 2 · carbon content tC/TJ (measured): must be positive")));
	}

	@Test
	void anotherEnterprisesFormAndAnotherIndustrysProductsAreRefused() throws Exception {
		Fixtures f = new Fixtures(registry, accounts);
		RegistryModel.Enterprise cement = f.enterprise(EMEISHAN, "3011", null);
		RegistryModel.Enterprise steel = f.enterprise(SHAWAN, "3120", null);
		String user = f.user(Role.ENTERPRISE_USER, null, null, cement.id(), Set.of());
		String other = "/accounting/enterprises/" + steel.id() + "/reports/2023/7";
		mvc.perform(get(other + "/edit").with(f.as(user))).andExpect(status().isNotFound());
		mvc.perform(post(other).with(f.as(user)).with(csrf()).param("type0", "FUEL").param("factor0", "DIESEL").param("quantity0", "1"))
			.andExpect(status().isNotFound());
		mvc.perform(post(other + "/calculate").with(f.as(user)).with(csrf()).param("type0", "FUEL").param("factor0", "DIESEL")
			.param("quantity0", "1")).andExpect(status().isNotFound());
		String base = "/accounting/enterprises/" + cement.id() + "/reports/2023/7";
		mvc.perform(post(base).with(f.as(user)).with(csrf()).param("type0", "FUEL").param("factor0", "DIESEL").param("quantity0", "1")
			.param("unit0", "t").param("product_CRUDE_STEEL", "5000"))
			.andExpect(status().isOk()).andExpect(content().string(containsString("not a product of this enterprise")));
		mvc.perform(get("/api/v1/accounting/enterprises/" + cement.id() + "/reports/2023/7").with(f.as(user)))
			.andExpect(status().isNotFound());
		// the API refuses them the same way, naming the product's field; its own product is taken
		String api = "/api/v1/accounting/enterprises/" + cement.id() + "/reports/2023/7";
		mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put(api).with(f.as(user))
			.contentType(MediaType.APPLICATION_JSON).content("""
					{"lines": [{"line": {"type": "FUEL", "factorCode": "DIESEL", "quantity": 1, "unit": "t"}}],
					 "products": [{"productCode": "CLINKER", "quantity": 10}, {"productCode": "CRUDE_STEEL", "quantity": 5000}]}
					"""))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("products[1].productCode"))
			.andExpect(jsonPath("$.errors.length()").value(1));
		mvc.perform(get(api).with(f.as(user))).andExpect(status().isNotFound());
		// another enterprise's report stays unseen, whatever its products
		mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put("/api/v1/accounting/enterprises/"
				+ steel.id() + "/reports/2023/7").with(f.as(user)).contentType(MediaType.APPLICATION_JSON).content("""
					{"lines": [], "products": [{"productCode": "CLINKER", "quantity": 10}]}
					""")).andExpect(status().isNotFound());
		mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put(api).with(f.as(user))
			.contentType(MediaType.APPLICATION_JSON).content("""
					{"lines": [{"line": {"type": "FUEL", "factorCode": "DIESEL", "quantity": 1, "unit": "t"}}],
					 "products": [{"productCode": "CLINKER", "quantity": 10}]}
					""")).andExpect(status().isOk());
		// the steel plant's own form offers its own methods and products
		String steelUser = f.user(Role.ENTERPRISE_USER, null, null, steel.id(), Set.of());
		mvc.perform(get(other + "/edit").with(f.as(steelUser))).andExpect(status().isOk())
			.andExpect(content().string(containsString("value=\"CARBON_FIXED|STEEL-FIXED-CRUDE-STEEL\"")))
			.andExpect(content().string(containsString("product_CRUDE_STEEL")))
			.andExpect(content().string(not(containsString("CLINKER|PORTLAND"))));
	}
}
