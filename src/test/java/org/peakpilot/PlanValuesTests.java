package org.peakpilot;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.peakpilot.platform.SystemActor;
import org.peakpilot.plan.PilotPlan;
import org.peakpilot.plan.PlanModel.Observation;
import org.peakpilot.plan.PlanModel.Status;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.peakpilot.Fixtures.admin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Recording yearly values by API, form and Excel: lineage, replacement history, audit, and bad input that
 * changes nothing. Each test uses its own item and years, as the schema is shared within the run.
 */
@PeakPilotTest
class PlanValuesTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	PilotPlan plan;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	org.peakpilot.registry.Registry registry;

	@Autowired
	org.peakpilot.platform.UserAccounts accounts;

	@Test
	void aTargetStatedInWordsReadsInTheUsersLanguage() throws Exception {
		mvc.perform(get("/public/cockpit")).andExpect(status().isOk())
			.andExpect(content().string(containsString("2个零碳/近零碳园区；2个零碳景区；1个低碳旅游港区")))
			.andExpect(content().string(org.hamcrest.Matchers.not(containsString("near-zero-carbon park"))));
		mvc.perform(get("/public/cockpit").param("lang", "en")).andExpect(status().isOk())
			.andExpect(content().string(containsString("2 zero/near-zero-carbon parks; 2 zero-carbon scenic areas")))
			.andExpect(content().string(org.hamcrest.Matchers.not(containsString("1个近零碳园区"))));
		mvc.perform(get("/api/v1/public/plan/items/11")).andExpect(status().isOk())
			.andExpect(jsonPath("$..targets[1].label").value(hasItem("2 zero/near-zero-carbon parks; 2 zero-carbon scenic areas; 1 low-carbon tourism port area")))
			.andExpect(jsonPath("$..targets[1].labelZh").value(hasItem("2个零碳/近零碳园区；2个零碳景区；1个低碳旅游港区")));
	}

	@Test
	void aCorrectionReplacesTheValueAndKeepsTheEarlierOneWithItsLineage() throws Exception {
		mvc.perform(post("/api/v1/plan/observations").with(admin()).contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"itemCode":"13","year":2019,"value":48.2,"unit":"%","sourceDocument":"2019年统计公报","note":"first"}
					"""))
			.andExpect(status().isCreated()).andExpect(jsonPath("$.enteredBy").value("admin"))
			.andExpect(jsonPath("$.origin").value("ENTERED"));
		mvc.perform(post("/api/v1/plan/observations").with(admin()).contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"itemCode":"13","year":2019,"value":48.6,"sourceDocument":"2019年统计公报（修订）"}
					"""))
			.andExpect(status().isCreated());
		List<Observation> history = SystemActor.call("t", () -> plan.history("13")).stream().filter(o -> o.year() == 2019).toList();
		assertThat(history).hasSize(2);
		Observation current = history.get(0);
		Observation replaced = history.get(1);
		assertThat(current.current()).isTrue();
		assertThat(current.value()).isEqualByComparingTo("48.6");
		assertThat(current.supersedesId()).isEqualTo(replaced.id());
		assertThat(replaced.supersededAt()).isNotNull();
		assertThat(replaced.sourceDocument()).isEqualTo("2019年统计公报");
		mvc.perform(get("/api/v1/platform/audit").param("entityType", "plan-item").with(admin()))
			.andExpect(jsonPath("$[*].entityId").value(hasItem("13/2019")))
			.andExpect(jsonPath("$[*].action").value(hasItem("plan.value.replaced")));
	}

	@Test
	void rejectsAWrongUnitAShareAbove100AndAFractionalCountWritingNothing() throws Exception {
		long before = count();
		mvc.perform(post("/api/v1/plan/observations").with(admin()).contentType(MediaType.APPLICATION_JSON)
			.content("{\"itemCode\":\"12\",\"year\":2018,\"value\":44,\"unit\":\"吨标准煤\",\"sourceDocument\":\"x\"}"))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("unit"));
		mvc.perform(post("/api/v1/plan/observations").with(admin()).contentType(MediaType.APPLICATION_JSON)
			.content("{\"itemCode\":\"12\",\"year\":2018,\"value\":140,\"sourceDocument\":\"x\"}"))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("value"))
			.andExpect(jsonPath("$.errors[0].message").value(containsString("above 100")));
		mvc.perform(post("/api/v1/plan/observations").with(admin()).contentType(MediaType.APPLICATION_JSON)
			.content("{\"itemCode\":\"22\",\"year\":2018,\"value\":1000.5,\"sourceDocument\":\"x\"}"))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].message").value(containsString("whole number")));
		mvc.perform(post("/api/v1/plan/observations").with(admin()).contentType(MediaType.APPLICATION_JSON)
			.content("{\"itemCode\":\"12\",\"year\":2099,\"value\":44}"))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors.length()").value(2));
		mvc.perform(post("/api/v1/plan/observations").with(admin()).contentType(MediaType.APPLICATION_JSON)
			.content("{\"itemCode\":\"99\",\"year\":2018,\"value\":1,\"sourceDocument\":\"x\"}"))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("itemCode"));
		mvc.perform(post("/api/v1/plan/observations").with(admin()).contentType(MediaType.APPLICATION_JSON).content("{not json"))
			.andExpect(status().isBadRequest()).andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		assertThat(count()).isEqualTo(before);
	}

	@Test
	void aProvincialTargetTurnsTargetMissingIntoAStatus() throws Exception {
		mvc.perform(post("/api/v1/plan/observations").with(admin()).contentType(MediaType.APPLICATION_JSON)
			.content("{\"itemCode\":\"3\",\"year\":2024,\"value\":2.30,\"sourceDocument\":\"2024年统计公报\"}"))
			.andExpect(status().isCreated());
		mvc.perform(get("/api/v1/plan/items/3").with(admin()))
			.andExpect(jsonPath("$.progress.status").value(Status.TARGET_MISSING.name()));
		mvc.perform(put("/api/v1/plan/items/3/provincial-targets/2025").with(admin()).contentType(MediaType.APPLICATION_JSON)
			.content("{\"value\":2.2,\"sourceDocument\":\"省下达目标文件（测试）\"}"))
			.andExpect(status().isOk()).andExpect(jsonPath("$.type").value("PROVINCIAL"));
		// baseline 2.49 (2022) → 2.2 (2025): achieved (2.30−2.49)/(2.2−2.49) = 0.655, elapsed 0.667, within 0.10
		mvc.perform(get("/api/v1/plan/items/3").with(admin()))
			.andExpect(jsonPath("$.progress.status").value(Status.AT_RISK.name()))
			.andExpect(jsonPath("$.progress.nextTarget.source").value("省下达目标文件（测试）"));
		mvc.perform(put("/api/v1/plan/items/12/provincial-targets/2025").with(admin()).contentType(MediaType.APPLICATION_JSON)
			.content("{\"value\":45,\"sourceDocument\":\"x\"}"))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("itemCode"));
	}

	@Test
	void importsAFilledInTemplate() throws Exception {
		byte[] template = mvc.perform(get("/api/v1/plan/observations/template").with(admin()))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
		byte[] filled = fill(template, new Object[][] { { "16", 2017, 600.5 }, { "C20", 2017, 12000 }, { "6", 2017, "43.1" } });
		mvc.perform(multipart("/api/v1/plan/observations/import").file(new MockMultipartFile("file", "v.xlsx", null, filled)).with(admin()))
			.andExpect(status().isOk()).andExpect(jsonPath("$.length()").value(3))
			.andExpect(jsonPath("$[*].origin").value(hasItem("IMPORTED")));
		assertThat(jdbc.sql("SELECT value FROM plan_observation WHERE item_code = 'C20' AND year = 2017 AND superseded_at IS NULL")
			.query(java.math.BigDecimal.class).single()).isEqualByComparingTo("12000");
	}

	@Test
	void aFileWithBadRowsIsRejectedWholeWithRowAndColumn() throws Exception {
		long before = count();
		byte[] template = SystemActor.call("t", plan::template);
		byte[] bad = fill(template, new Object[][] { { "17", 2016, 20 }, { "12", 2016, 140 }, { "99", 2016, 1 },
				{ "18", 2016, "abc" }, { "17", 2016, 21 } });
		mvc.perform(multipart("/api/v1/plan/observations/import").file(new MockMultipartFile("file", "bad.xlsx", null, bad)).with(admin()))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[?(@.message =~ /.*above 100.*/)].field").value(hasItem("E (数值 Value)")))
			.andExpect(jsonPath("$.errors[?(@.field == 'A (编号 Code)')].row").value(hasItem(4)))
			.andExpect(jsonPath("$.errors[?(@.message =~ /.*not a number.*/)].row").value(hasItem(5)))
			.andExpect(jsonPath("$.errors[?(@.message =~ /.*row 2.*/)].row").value(hasItem(6)));
		assertThat(count()).isEqualTo(before);
	}

	@Test
	void aMalformedOrOversizedFileGetsAClearErrorAndChangesNothing() throws Exception {
		long before = count();
		mvc.perform(multipart("/api/v1/plan/observations/import")
			.file(new MockMultipartFile("file", "x.xlsx", null, "this is not a workbook".getBytes())).with(admin()))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("file"))
			.andExpect(jsonPath("$.errors[0].message").value(containsString("not a readable Excel workbook")));
		mvc.perform(multipart("/api/v1/plan/observations/import")
			.file(new MockMultipartFile("file", "big.xlsx", null, new byte[3 * 1024 * 1024])).with(admin()))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].message").value(containsString("at most 2 MiB")));
		assertThat(count()).isEqualTo(before);
	}

	@Test
	void theImportPageListsErrorsByRowAndColumn() throws Exception {
		String officer = new Fixtures(registry, accounts).cityOfficer();
		byte[] bad = fill(SystemActor.call("t", plan::template), new Object[][] { { "12", 2015, 140 } });
		mvc.perform(multipart("/plan/import").file(new MockMultipartFile("file", "bad.xlsx", null, bad))
			.with(new Fixtures(registry, accounts).as(officer)).with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("E (数值 Value)")))
			.andExpect(content().string(containsString("above 100")));
		mvc.perform(multipart("/plan/import").file(new MockMultipartFile("file", "bad.xlsx", null, bad))
			.with(new Fixtures(registry, accounts).as(officer)))
			.andExpect(status().isForbidden());
	}

	private long count() {
		return jdbc.sql("SELECT count(*) FROM plan_observation").query(Long.class).single();
	}

	/** The template with rows appended: code, year, value (number or text); unit and source are filled in. */
	static byte[] fill(byte[] template, Object[][] rows) throws Exception {
		try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(template)); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			Sheet sheet = wb.getSheetAt(0);
			int r = sheet.getLastRowNum() + 1;
			// clear the prefilled rows so that row numbers are predictable: data starts in row 2
			for (int i = sheet.getLastRowNum(); i >= 1; i--) {
				sheet.removeRow(sheet.getRow(i));
			}
			r = 1;
			for (Object[] values : rows) {
				Row row = sheet.createRow(r++);
				row.createCell(0).setCellValue((String) values[0]);
				row.createCell(3).setCellValue(((Number) values[1]).doubleValue());
				if (values[2] instanceof Number n) {
					row.createCell(4).setCellValue(n.doubleValue());
				}
				else {
					row.createCell(4).setCellValue((String) values[2]);
				}
				row.createCell(5).setCellValue("测试来源 test source");
			}
			wb.write(out);
			return out.toByteArray();
		}
	}
}
