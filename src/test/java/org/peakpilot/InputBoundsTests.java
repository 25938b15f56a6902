package org.peakpilot;

import java.io.ByteArrayOutputStream;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;

import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.peakpilot.platform.UserAccounts;
import org.peakpilot.registry.Registry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

import com.jayway.jsonpath.JsonPath;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.peakpilot.Counties.EMEISHAN;
import static org.peakpilot.Fixtures.admin;
import static org.peakpilot.Fixtures.basic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Bad input is refused before the database with a 400 problem naming the field (and row, and cell), never a 500:
 * numbers beyond a field's meaning or column, texts beyond their column, passwords beyond BCrypt's 72 bytes,
 * values of the wrong JSON type, formula cells without a value; a reading beyond any meter is quarantined while the
 * rest of its batch is stored.
 */
@PeakPilotTest
class InputBoundsTests {

	static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

	@Autowired
	MockMvc mvc;

	@Autowired
	Registry registry;

	@Autowired
	UserAccounts accounts;

	@Autowired
	JdbcClient jdbc;

	MeteredEnterprise metered;
	long meterId;
	OffsetDateTime day;

	@BeforeEach
	void setUp() throws Exception {
		metered = new MeteredEnterprise(mvc, new Fixtures(registry, accounts), EMEISHAN);
		meterId = metered.intervalMeter("E-01", "ELECTRICITY", "kWh", 15, 50000, null);
		day = LocalDate.now(BEIJING).minusDays(1).atStartOfDay(BEIJING).toOffsetDateTime();
	}

	@Test
	void aReadingBeyondAnyMeterIsQuarantinedAndTheRestOfItsBatchIsStored() throws Exception {
		String csv = "meter,ts,value\nE-01,%s,10\nE-01,%s,1e30\nE-01,%s,-1e308\nE-01,%s,20\n".formatted(day.plusMinutes(15),
				day.plusMinutes(30), day.plusMinutes(45), day.plusMinutes(60));
		String answer = mvc.perform(post("/api/v1/monitoring/readings").with(metered.device()).contentType("text/csv").content(csv))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat((Integer) JsonPath.read(answer, "$.stored")).isEqualTo(2);
		assertThat((List<String>) JsonPath.read(answer, "$.rejected[*].reason")).containsExactly("VALUE_OUT_OF_RANGE", "VALUE_OUT_OF_RANGE");
		assertThat((List<Integer>) JsonPath.read(answer, "$.rejected[*].index")).containsExactly(1, 2);
		assertThat(jdbc.sql("SELECT raw FROM monitoring_quarantine WHERE meter_id = :m AND reason_code = 'VALUE_OUT_OF_RANGE' ORDER BY id")
			.param("m", meterId).query(String.class).list()).hasSize(2).first().asString().contains("1e30");
		// the same over JSON: a huge number is quarantined, the good reading stored
		String json = """
				{"readings": [{"meter": "E-01", "ts": "%s", "value": 1e308}, {"meter": "E-01", "ts": "%s", "value": 5}]}"""
			.formatted(day.plusMinutes(75), day.plusMinutes(90));
		mvc.perform(post("/api/v1/monitoring/readings").with(metered.device()).contentType(MediaType.APPLICATION_JSON).content(json))
			.andExpect(status().isOk()).andExpect(jsonPath("$.stored").value(1))
			.andExpect(jsonPath("$.rejected[0].reason").value("VALUE_OUT_OF_RANGE")).andExpect(jsonPath("$.rejected[0].index").value(0));
	}

	@Test
	void aMeterBeyondItsBoundsIsRefusedNamingEachField() throws Exception {
		mvc.perform(post("/api/v1/monitoring/enterprises/" + metered.id() + "/meters").with(basic(metered.user))
			.contentType(MediaType.APPLICATION_JSON).content("""
					{"code": "E-02", "name": "%s", "energyCode": "ELECTRICITY", "unit": "kWh", "kind": "COUNTER",
					 "multiplier": 1e18, "intervalMinutes": 15, "maxPerInterval": 1e308, "counterMax": 9223372036854775808}"""
				.formatted("长".repeat(100_000))))
			.andExpect(status().isBadRequest()).andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[*].field").value(hasItems("name", "multiplier", "maxPerInterval", "counterMax")));
		// a CT/PT ratio above 1,000,000 means nothing physical, though the column would hold it
		mvc.perform(put("/api/v1/monitoring/meters/" + meterId).with(basic(metered.user)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"multiplier\": 2000000}"))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("multiplier"));
	}

	@Test
	void alarmLimitsAndExchangeValuesBeyondTheirBoundsAreRefusedNamingTheField() throws Exception {
		mvc.perform(put("/api/v1/monitoring/meters/" + meterId + "/alarm-rule").with(basic(metered.user))
			.contentType(MediaType.APPLICATION_JSON).content("{\"intervalLimit\": 1e18, \"dayLimit\": 1e308}"))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[*].field").value(hasItems("intervalLimit", "dayLimit")));
		mvc.perform(post("/api/v1/monitoring/meters/" + meterId + "/exchanges").with(basic(metered.user))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"replacedAt\": \"%s\", \"oldFinal\": 1e18, \"newInitial\": 1e308, \"reason\": \"换表\"}".formatted(day.plusMinutes(7))))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[*].field").value(hasItems("oldFinal", "newInitial")));
	}

	@Test
	void reportFiguresBeyondTheirBoundsAndNullLinesAreRefusedNamingTheField() throws Exception {
		String url = "/api/v1/accounting/enterprises/" + metered.id() + "/reports/2025/11";
		mvc.perform(put(url).with(basic(metered.user)).contentType(MediaType.APPLICATION_JSON).content("""
				{"outputValue10kCny": 1e18, "valueAdded10kCny": 1e308,
				 "lines": [{"line": {"type": "FUEL", "factorCode": "NATURAL-GAS", "quantity": 12, "unit": "10^4 Nm3",
				                     "measuredNcv": 1e18, "measuredCarbonContent": 1e308}}],
				 "products": [{"productCode": "CLINKER", "quantity": 1e18}]}"""))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field").value(hasItems("outputValue10kCny", "valueAdded10kCny", "lines[0].measuredNcv",
					"lines[0].measuredCarbonContent", "products[0].quantity")));
		mvc.perform(put(url).with(basic(metered.user)).contentType(MediaType.APPLICATION_JSON).content("{\"lines\": [null]}"))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("lines[0].type"));
		mvc.perform(put(url).with(basic(metered.user)).contentType(MediaType.APPLICATION_JSON).content("{\"lines\": null}"))
			.andExpect(status().is2xxSuccessful());
	}

	@Test
	void aFactorValueBeyondItsBoundIsRefused() throws Exception {
		String code = jdbc.sql("SELECT code FROM accounting_factor ORDER BY code LIMIT 1").query(String.class).single();
		mvc.perform(post("/api/v1/accounting/factors/" + code + "/versions").with(admin()).contentType(MediaType.APPLICATION_JSON)
			.content("{\"value\": 1e18, \"source\": \"x\"}"))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("value"));
	}

	@Test
	void aPasswordBeyondBcryptsSeventyTwoBytesIsRefusedNamingTheField() throws Exception {
		// 25 Chinese characters are 75 bytes in UTF-8
		mvc.perform(post("/api/v1/platform/users").with(admin()).contentType(MediaType.APPLICATION_JSON).content("""
				{"username": "long-password-user", "displayName": "x", "password": "%s", "role": "CITY_OFFICER"}"""
			.formatted("密".repeat(25))))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[*].field").value(hasItem("password")));
		mvc.perform(post("/api/v1/platform/users").with(admin()).contentType(MediaType.APPLICATION_JSON).content("""
				{"username": "long-password-user", "displayName": "x", "password": "%s", "role": "CITY_OFFICER"}"""
			.formatted("p".repeat(100_000))))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[*].field").value(hasItem("password")));
	}

	@Test
	void aValueOfTheWrongJsonTypeIsNamedByItsPath() throws Exception {
		mvc.perform(put("/api/v1/accounting/enterprises/" + metered.id() + "/reports/2025/10").with(basic(metered.user))
			.contentType(MediaType.APPLICATION_JSON).content("""
					{"lines": [{"line": {"type": "ELECTRICITY", "quantity": 1, "unit": "kWh"}},
					           {"line": {"type": "ELECTRICITY", "quantity": {"a": 1}, "unit": "kWh"}}]}"""))
			.andExpect(status().isBadRequest()).andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[0].field").value("lines[1].line.quantity"))
			.andExpect(jsonPath("$.errors[0].message").value(containsString("a number")));
		mvc.perform(put("/api/v1/monitoring/meters/" + meterId).with(basic(metered.user)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"kind\": \"SOMETIMES\"}"))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("kind"))
			.andExpect(jsonPath("$.errors[0].message").value(containsString("COUNTER")));
		mvc.perform(put("/api/v1/monitoring/meters/" + meterId).with(basic(metered.user)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\": {\"zh\": \"x\"}}"))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("name"));
	}

	@Test
	void aFormulaCellWithoutACalculatedValueIsRefusedNamingTheCell() throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (XSSFWorkbook workbook = new XSSFWorkbook()) {
			XSSFSheet sheet = workbook.createSheet("Sheet1");
			String[] headers = { "编号 Code", "名称 Name", "单位 Unit", "年份 Year", "数值 Value", "来源文件 Source document", "备注 Note" };
			XSSFRow header = sheet.createRow(0);
			for (int c = 0; c < headers.length; c++) {
				header.createCell(c).setCellValue(headers[c]);
			}
			XSSFRow row = sheet.createRow(1);
			row.createCell(0).setCellValue("13");
			row.createCell(3).setCellValue(2019);
			row.createCell(4).setCellFormula("40+8.2");
			row.createCell(5).setCellValue("2019年统计公报");
			workbook.write(out);
		}
		mvc.perform(multipart("/api/v1/plan/observations/import").file(new MockMultipartFile("file", "v.xlsx", null, out.toByteArray()))
			.with(admin()))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("Sheet1!E2"))
			.andExpect(jsonPath("$.errors[0].row").value(2));
	}
}
