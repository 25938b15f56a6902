package org.peakpilot;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import com.jayway.jsonpath.JsonPath;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The API document shows the quantity types of {@code shared} as what they are on the wire: numbers, unit described. */
@PeakPilotTest
class QuantityApiDocsTests {

	@Autowired
	MockMvc mvc;

	@Test
	void quantitiesAreDocumentedAsNumbersWithTheirUnit() throws Exception {
		String doc = mvc.perform(get("/v3/api-docs")).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		Map<String, String> expected = Map.of("LineResult.properties.co2T", "tCO2", "LineResult.properties.tce", "tce",
				"LineResult.properties.energyGj", "GJ", "ReportContent.properties.outputValue10kCny", "10k CNY",
				"ReportSummary.properties.co2PerValueAddedTPer10kCny", "tCO2/10k CNY", "CalculationTotals.properties.totalCo2T", "tCO2");
		expected.forEach((path, unit) -> {
			Map<String, Object> schema = JsonPath.read(doc, "$.components.schemas." + path);
			assertThat(schema).as(path).doesNotContainKey("$ref").doesNotContainKey("properties");
			assertThat(String.valueOf(schema.get("type"))).as(path).contains("number");
			// "a number in tCO2", or the field's own bilingual description, which names the unit too (ADR 0015)
			assertThat((String) schema.get("description")).as(path).contains(unit);
		});
	}
}
