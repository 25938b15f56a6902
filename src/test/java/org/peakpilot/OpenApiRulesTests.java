package org.peakpilot;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

@PeakPilotTest
class OpenApiRulesTests {

	@Autowired
	MockMvc mvc;

	@Test
	void dump() throws Exception {
		String doc = mvc.perform(get("/v3/api-docs")).andReturn().getResponse().getContentAsString();
		Files.createDirectories(Path.of("target"));
		Files.writeString(Path.of("target/api-docs.json"), doc);
	}
}
