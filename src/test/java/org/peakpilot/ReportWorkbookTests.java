package org.peakpilot;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.peakpilot.platform.Role;
import org.peakpilot.platform.UserAccounts;
import org.peakpilot.registry.Registry;
import org.peakpilot.registry.RegistryModel;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import com.jayway.jsonpath.JsonPath;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.peakpilot.Counties.JIAJIANG;
import static org.peakpilot.Fixtures.basic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A cement enterprise downloads its Excel template, fills in a quarter and imports it as three draft reports;
 * a file with bad rows, or with a month already submitted, is refused whole with every error by sheet, row and
 * column. Year 2022 keeps clear of the factor versions other test classes publish.
 */
@PeakPilotTest
class ReportWorkbookTests {

	static final String EMEISHAN = Counties.EMEISHAN;
	static final String ACTIVITY = "活动数据 Activity";
	static final String PRODUCTS = "产品与产值 Products";

	@Autowired
	MockMvc mvc;

	@Autowired
	Registry registry;

	@Autowired
	UserAccounts accounts;

	@Autowired
	JdbcClient jdbc;

	Fixtures fixtures;
	RegistryModel.Enterprise cement;
	String enterpriseUser;

	@BeforeEach
	void setUp() {
		fixtures = new Fixtures(registry, accounts);
		cement = fixtures.enterprise(EMEISHAN, "3011", fixtures.parkId("EMEISHAN-EDZ"));
		enterpriseUser = fixtures.user(Role.ENTERPRISE_USER, null, null, cement.id(), Set.of());
	}

	String base(int year) {
		return "/api/v1/accounting/enterprises/" + cement.id() + "/reports/" + year;
	}

	byte[] template(String user) throws Exception {
		return mvc.perform(get(base(2022) + "/template.xlsx").with(basic(user)))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Type", containsString("spreadsheetml")))
			.andReturn().getResponse().getContentAsByteArray();
	}

	ResultActions upload(byte[] file, RequestPostProcessor user) throws Exception {
		return mvc.perform(multipart(base(2022) + "/import").file(new MockMultipartFile("file", "reports.xlsx", null, file)).with(user));
	}

	long reportsOfCement() {
		return jdbc.sql("SELECT count(*) FROM accounting_report WHERE enterprise_id = :e").param("e", cement.id()).query(Long.class).single();
	}

	/**
	 * Coal, electricity and clinker (CaO 65 % of which 0.5 % non-carbonate, MgO 2 %) for a month, scaled by k.
	 * Columns: month, type, code, quantity, unit, NCV, carbon, green, fraction, CaO, MgO, CaO nc, MgO nc, use, label.
	 */
	static List<Object[]> quarterMonth(int month, int k) {
		return List.of(
				new Object[] { month, "FUEL", "BITUMINOUS-COAL", 1000 * k, "t", null, null, null, null, null, null, null, null, "ENERGY", "窑头 kiln" },
				new Object[] { month, "ELECTRICITY", null, 2_000_000 * k, "kWh" },
				new Object[] { month, "CLINKER", null, 10_000 * k, "t", null, null, null, null, 0.65, 0.02, 0.005 });
	}

	@Test
	void theCementTemplateListsTheSectorsCodesAndProducts() throws Exception {
		try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(template(enterpriseUser)))) {
			assertThat(List.of(wb.getSheetName(0), wb.getSheetName(1), wb.getSheetName(2), wb.getSheetName(3)))
				.containsExactly(ACTIVITY, PRODUCTS, "说明 Instructions", "代码表 Codes");
			assertThat(wb.getSheet(ACTIVITY).getLastRowNum()).isZero();
			assertThat(wb.getSheet(ACTIVITY).getRow(0).getCell(3).getStringCellValue()).isEqualTo("数量 Quantity");
			assertThat(wb.getSheet(ACTIVITY).getDataValidations()).hasSizeGreaterThanOrEqualTo(3);
			List<String> codes = new ArrayList<>();
			for (Row row : wb.getSheet("代码表 Codes")) {
				codes.add(row.getCell(1).getStringCellValue());
			}
			assertThat(codes).contains("CEMENT-CAO-IN-CLINKER", "CEMENT-CLINKER-DEFAULT-PORTLAND", "NATURAL-GAS", "BITUMINOUS-COAL",
					"CARBONATE-CACO3", "CLINKER", "CEMENT").doesNotContain("STEEL-FIXED-PIG-IRON", "PIG_IRON", "CERAMIC_TILES");
			assertThat(wb.getSheet("说明 Instructions").getRow(1).getCell(1).getStringCellValue()).isEqualTo("2022");
		}
	}

	@Test
	void aFilledQuarterBecomesThreeDraftsWithTheCalculatorsFigures() throws Exception {
		List<Object[]> activity = new ArrayList<>();
		for (int m = 1; m <= 3; m++) {
			activity.addAll(quarterMonth(m, m));
		}
		byte[] file = fill(template(enterpriseUser), activity, List.of(
				new Object[] { 1, "CLINKER", 10_000, 4000, 1000 }, new Object[] { 1, "CEMENT", 12_000 },
				new Object[] { 2, "CLINKER", 20_000, 8000, 2000 }, new Object[] { 3, "CLINKER", 30_000, 12_000, 3000 }));
		String body = upload(file, basic(enterpriseUser))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.length()").value(3))
			.andExpect(jsonPath("$[*].month").value(hasItems(1, 2, 3)))
			.andExpect(jsonPath("$[*].status").value(hasItems("DRAFT")))
			.andExpect(jsonPath("$[0].content.lines.length()").value(3))
			.andExpect(jsonPath("$[0].content.lines[0].line.label").value("窑头 kiln"))
			.andExpect(jsonPath("$[0].content.products.length()").value(2))
			.andExpect(jsonPath("$[0].content.outputValue10kCny").value(4000))
			.andReturn().getResponse().getContentAsString();
		// January by hand: coal 1000 t × 19.57 GJ/t × 26.1 tC/TJ ÷ 1000 × 0.93 × 44/12 = 1741.74957; electricity 2000 MWh
		// × 0.1404 tCO2/MWh (Sichuan 2022) = 280.8; clinker 10,000 t × ((0.65 − 0.005) × 0.7857 + 0.02 × 1.1) = 5287.765
		double january = ((Number) JsonPath.read(body, "$[0].summary.totalCo2T")).doubleValue();
		assertThat(january).isCloseTo(1741.74957 + 280.8 + 5287.765, offset(0.000001));
		for (int m = 1; m <= 3; m++) {
			String calc = mvc.perform(post("/api/v1/accounting/calculations").with(basic(enterpriseUser))
				.contentType(MediaType.APPLICATION_JSON).content("""
						{"year": 2022, "lines": [{"type": "FUEL", "factorCode": "BITUMINOUS-COAL", "quantity": %d, "unit": "t"},
						  {"type": "ELECTRICITY", "quantity": %d, "unit": "kWh"},
						  {"type": "CLINKER", "quantity": %d, "unit": "t", "caoFraction": 0.65, "mgoFraction": 0.02,
						   "nonCarbonateCaoFraction": 0.005}]}
						""".formatted(1000 * m, 2_000_000 * m, 10_000 * m)))
				.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
			Number expected = JsonPath.read(calc, "$.totals.totalCo2T");
			mvc.perform(get(base(2022) + "/" + m).with(basic(enterpriseUser)))
				.andExpect(jsonPath("$.status").value("DRAFT"))
				.andExpect(jsonPath("$.summary.totalCo2T").value(expected.doubleValue()))
				.andExpect(jsonPath("$.results.length()").value(3));
		}
		// the city office may import for any enterprise
		upload(fill(template(enterpriseUser), quarterMonth(4, 1), List.of()), basic(fixtures.cityOfficer()))
			.andExpect(status().isOk()).andExpect(jsonPath("$[0].month").value(4));
	}

	@Test
	void aFileWithBadRowsIsRefusedWholeWithSheetRowAndColumn() throws Exception {
		byte[] file = fill(template(enterpriseUser), List.of(
				new Object[] { 4, "FUEL", "BITUMINOUS-COAL", 1000, "t" },
				new Object[] { 4, "FUEL", "NO-SUCH-FUEL", 10, "t" },
				new Object[] { 4, "FUEL", "BITUMINOUS-COAL", 10, "kWh" },
				new Object[] { 4, "ELECTRICITY", null, -5, "kWh" },
				new Object[] { 13, "FUEL", "BITUMINOUS-COAL", 10, "t" },
				new Object[] { 5, "FUEL", "BITUMINOUS-COAL", "十吨", "t" },
				new Object[] { 5, "STEAM", null, 10, "t" }),
				List.of(new Object[] { 4, "GOLD", 1 }, new Object[] { 4, "CLINKER", 10, -3 }));
		upload(file, basic(enterpriseUser))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors.length()").value(8))
			.andExpect(jsonPath("$.errors[*].row").value(org.hamcrest.Matchers.contains(3, 4, 5, 6, 7, 8, 2, 3)))
			.andExpect(jsonPath("$.errors[?(@.row == 3)].field").value(hasItem(ACTIVITY + ", C (因子代码 Factor code)")))
			.andExpect(jsonPath("$.errors[?(@.row == 4)].field").value(hasItem(ACTIVITY + ", E (单位 Unit)")))
			.andExpect(jsonPath("$.errors[?(@.row == 4)].message").value(hasItem(containsString("'kWh' is not allowed"))))
			.andExpect(jsonPath("$.errors[?(@.row == 5)].field").value(hasItem(ACTIVITY + ", D (数量 Quantity)")))
			.andExpect(jsonPath("$.errors[?(@.row == 5)].message").value(hasItem(containsString("cannot be negative"))))
			.andExpect(jsonPath("$.errors[?(@.row == 6)].field").value(hasItem(ACTIVITY + ", A (月份 Month)")))
			.andExpect(jsonPath("$.errors[?(@.row == 7)].message").value(hasItem("'十吨' is not a number")))
			.andExpect(jsonPath("$.errors[?(@.row == 8)].field").value(hasItem(ACTIVITY + ", B (类型 Type)")))
			.andExpect(jsonPath("$.errors[?(@.field == '" + PRODUCTS + ", B (产品代码 Product code)')].row").value(hasItem(2)))
			.andExpect(jsonPath("$.errors[?(@.field == '" + PRODUCTS + ", D (工业总产值(万元) Output value (10k CNY))')].row")
				.value(hasItem(3)));
		assertThat(reportsOfCement()).isZero();
	}

	@Test
	void theTemplateCarriesTheFormsParametersAndAnEarlierTemplateStillImports() throws Exception {
		byte[] template = template(enterpriseUser);
		try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(template))) {
			Row header = wb.getSheet(ACTIVITY).getRow(0);
			assertThat(List.of(header.getCell(15).getStringCellValue(), header.getCell(16).getStringCellValue(),
					header.getCell(17).getStringCellValue(), header.getCell(18).getStringCellValue())).containsExactly(
							"实测碳氧化率 Measured oxidation rate (0–1)", "原煤煤种 Raw coal class", "蒸汽压力 Steam pressure (MPa, absolute)",
							"蒸汽温度 Steam temperature (°C)");
		}
		// columns: … 14 label, 15 oxidation rate, 16 coal class, 17 pressure MPa, 18 temperature °C
		byte[] file = fill(template, List.of(
				new Object[] { 6, "FUEL", "BITUMINOUS-COAL", 1000, "t", null, null, null, null, null, null, null, null, null, null, "90%" },
				new Object[] { 6, "FUEL", "RAW-COAL", 100, "t", null, null, null, null, null, null, null, null, null, null, null, "LIGNITE" },
				new Object[] { 6, "HEAT", null, 100, "t", null, null, null, null, null, null, null, null, null, null, null, null, 1, 250 }),
				List.of());
		upload(file, basic(enterpriseUser)).andExpect(status().isOk())
			.andExpect(jsonPath("$[0].content.lines[0].line.measuredOxidationRate").value(0.9))
			.andExpect(jsonPath("$[0].content.lines[1].line.coalClass").value("LIGNITE"))
			.andExpect(jsonPath("$[0].content.lines[2].line.steamPressureMpa").value(1))
			.andExpect(jsonPath("$[0].content.lines[2].line.steamTemperatureC").value(250));
		// 1000 t × 19.57 × 26.1 ÷ 1000 × 0.90 × 44/12 = 1685.5641; steam 100 t × (2943.22 − 83.74) ÷ 1000 × 0.11 = 31.45428
		mvc.perform(get(base(2022) + "/6").with(basic(enterpriseUser)))
			.andExpect(jsonPath("$.results[0].co2T").value(1685.5641)).andExpect(jsonPath("$.results[2].co2T").value(31.45428));
		// errors of the new cells name their row and column
		byte[] bad = fill(template, List.of(
				new Object[] { 7, "FUEL", "BITUMINOUS-COAL", 1000, "t", null, null, null, null, null, null, null, null, null, null, 1.5 },
				new Object[] { 7, "HEAT", null, 100, "t", null, null, null, null, null, null, null, null, null, null, null, null, "高压" },
				new Object[] { 7, "FUEL", "BITUMINOUS-COAL", 10, "t", null, null, null, null, null, null, null, null, null, null, null,
					"LIGNITE" }),
				List.of());
		upload(bad, basic(enterpriseUser)).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[?(@.row == 3)].field").value(hasItem(ACTIVITY + ", R (蒸汽压力 Steam pressure (MPa, absolute))")))
			.andExpect(jsonPath("$.errors[?(@.row == 2)].field").value(hasItem(ACTIVITY + ", P (实测碳氧化率 Measured oxidation rate (0–1))")))
			.andExpect(jsonPath("$.errors[?(@.row == 4)].field").value(hasItem(ACTIVITY + ", Q (原煤煤种 Raw coal class)")));
		// a workbook of the earlier template (without the four columns) still imports
		byte[] earlier;
		try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(template)); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			Row header = wb.getSheet(ACTIVITY).getRow(0);
			for (int c = 15; c <= 18; c++) {
				header.removeCell(header.getCell(c));
			}
			write(wb.getSheet(ACTIVITY), quarterMonth(8, 1));
			wb.write(out);
			earlier = out.toByteArray();
		}
		upload(earlier, basic(enterpriseUser)).andExpect(status().isOk()).andExpect(jsonPath("$[0].month").value(8))
			.andExpect(jsonPath("$[0].content.lines.length()").value(3));
	}

	@Test
	void aProductOfAnotherIndustryIsRefusedAtItsRowAsTheApiRefusesIt() throws Exception {
		// a cement works reports no crude steel: row 3 of the products sheet, its product code; nothing is written
		byte[] file = fill(template(enterpriseUser), quarterMonth(7, 1),
				List.of(new Object[] { 7, "CLINKER", 10_000, 4000, 1000 }, new Object[] { 7, "CRUDE_STEEL", 500 }));
		upload(file, basic(enterpriseUser))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors.length()").value(1))
			.andExpect(jsonPath("$.errors[0].row").value(3))
			.andExpect(jsonPath("$.errors[0].field").value(PRODUCTS + ", B (产品代码 Product code)"))
			.andExpect(jsonPath("$.errors[0].message").value(containsString("CRUDE_STEEL is not a product of this enterprise's industry")));
		mvc.perform(get(base(2022) + "/7").with(basic(enterpriseUser))).andExpect(status().isNotFound());
	}

	@Test
	void aMonthAlreadySubmittedFailsTheWholeImport() throws Exception {
		upload(fill(template(enterpriseUser), quarterMonth(5, 1), List.of()), basic(enterpriseUser)).andExpect(status().isOk());
		long may = ((Number) JsonPath.read(mvc.perform(get(base(2022) + "/5").with(basic(enterpriseUser))).andReturn().getResponse()
			.getContentAsString(), "$.id")).longValue();
		mvc.perform(post("/api/v1/accounting/reports/{id}/submit", may).with(basic(enterpriseUser))).andExpect(status().isOk());
		List<Object[]> rows = new ArrayList<>(quarterMonth(6, 1));
		rows.addAll(quarterMonth(5, 2));
		upload(fill(template(enterpriseUser), rows, List.<Object[]>of(new Object[] { 6, "CLINKER", 10_000, 4000, 1000 })), basic(enterpriseUser))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors.length()").value(1))
			.andExpect(jsonPath("$.errors[0].row").value(5))
			.andExpect(jsonPath("$.errors[0].field").value(ACTIVITY + ", A (月份 Month)"))
			.andExpect(jsonPath("$.errors[0].message").value(containsString("SUBMITTED")));
		mvc.perform(get(base(2022) + "/6").with(basic(enterpriseUser))).andExpect(status().isNotFound());
		mvc.perform(get(base(2022) + "/5").with(basic(enterpriseUser)))
			.andExpect(jsonPath("$.status").value("SUBMITTED")).andExpect(jsonPath("$.content.lines[0].line.quantity").value(1000));
	}

	@Test
	void malformedOversizedAndForeignFilesGetAClearErrorAndChangeNothing() throws Exception {
		upload("this is not a workbook".getBytes(), basic(enterpriseUser))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("file"))
			.andExpect(jsonPath("$.errors[0].message").value(containsString("not a readable Excel workbook")));
		upload(new byte[3 * 1024 * 1024], basic(enterpriseUser))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].message").value(containsString("at most 2 MiB")));
		try (XSSFWorkbook other = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			other.createSheet("Sheet1").createRow(0).createCell(0).setCellValue("x");
			other.write(out);
			upload(out.toByteArray(), basic(enterpriseUser))
				.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].message").value(containsString("no sheet")));
		}
		upload(fill(template(enterpriseUser), List.of(), List.of()), basic(enterpriseUser))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].message").value(containsString("no data")));
		mvc.perform(multipart("/api/v1/accounting/enterprises/" + cement.id() + "/reports/2023/import")
			.file(new MockMultipartFile("file", "r.xlsx", null, fill(template(enterpriseUser), quarterMonth(1, 1), List.of())))
			.with(basic(enterpriseUser)))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].message").value(containsString("template is for 2022")));
		assertThat(reportsOfCement()).isZero();
	}

	@Test
	void onlyTheEnterpriseAndTheOfficeReachItsWorkbook() throws Exception {
		byte[] file = fill(template(enterpriseUser), quarterMonth(7, 1), List.of());
		RegistryModel.Enterprise other = fixtures.enterprise(JIAJIANG, "3071", null);
		String otherUser = fixtures.user(Role.ENTERPRISE_USER, null, null, other.id(), Set.of());
		mvc.perform(get(base(2022) + "/template.xlsx").with(basic(otherUser))).andExpect(status().isNotFound());
		upload(file, basic(otherUser)).andExpect(status().isNotFound());
		upload(file, basic(fixtures.countyOfficer(EMEISHAN))).andExpect(status().isForbidden());
		mvc.perform(get(base(2022) + "/template.xlsx")).andExpect(status().isUnauthorized());
		mvc.perform(multipart(base(2022) + "/import").file(new MockMultipartFile("file", "r.xlsx", null, file)))
			.andExpect(status().isUnauthorized());
		mvc.perform(get(base(2099) + "/template.xlsx").with(basic(enterpriseUser))).andExpect(status().isBadRequest());
		assertThat(reportsOfCement()).isZero();
		// a ceramics enterprise gets its own products and no cement factors
		try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(mvc.perform(
				get("/api/v1/accounting/enterprises/" + other.id() + "/reports/2022/template.xlsx").with(basic(otherUser)))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray()))) {
			List<String> codes = new ArrayList<>();
			wb.getSheet("代码表 Codes").forEach(row -> codes.add(row.getCell(1).getStringCellValue()));
			assertThat(codes).contains("CERAMIC_TILES", "NATURAL-GAS", "CARBONATE-CACO3").doesNotContain("CEMENT-CAO-IN-CLINKER", "CLINKER");
		}
	}

	/** The template with activity and product rows from row 2 on; a null value leaves its cell empty. */
	static byte[] fill(byte[] template, List<Object[]> activity, List<Object[]> products) throws Exception {
		try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(template)); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			write(wb.getSheet(ACTIVITY), activity);
			write(wb.getSheet(PRODUCTS), products);
			wb.write(out);
			return out.toByteArray();
		}
	}

	private static void write(Sheet sheet, List<Object[]> rows) {
		int r = 1;
		for (Object[] values : rows) {
			Row row = sheet.createRow(r++);
			for (int c = 0; c < values.length; c++) {
				if (values[c] instanceof Number n) {
					row.createCell(c).setCellValue(n.doubleValue());
				}
				else if (values[c] != null) {
					row.createCell(c).setCellValue((String) values[c]);
				}
			}
		}
	}
}
