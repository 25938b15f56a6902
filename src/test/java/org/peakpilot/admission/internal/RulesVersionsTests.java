package org.peakpilot.admission.internal;

import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.peakpilot.PeakPilotTest;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each rules version is stored once with its content; the same version with other content refuses to start. */
@PeakPilotTest
class RulesVersionsTests {

	@Autowired
	RulesVersions versions;

	@Autowired
	AdmissionRules rules;

	@Test
	void storesLeshansVersionAtStartWithItsContent() {
		assertThat(rules.version()).isEqualTo("leshan-2026.1");
		assertThat(versions.content("leshan-2026.1")).contains(rules.canonical());
		// starting again with the same rules changes nothing
		versions.record(rules);
		assertThat(versions.content("leshan-2026.1")).contains(rules.canonical());
	}

	@Test
	void refusesTheSameVersionWithOtherContent() {
		Properties p = new Properties();
		p.setProperty("rules.version", "leshan-2026.1");
		p.setProperty("order31.province-tce", "5000");
		assertThatThrownBy(() -> versions.record(new AdmissionRules(p)))
			.hasMessageContaining("admission.properties: rules.version 'leshan-2026.1' is stored with other content");
		// a new version of the changed rules is stored beside it, and the old one keeps its content
		String fresh = "test-" + System.nanoTime();
		p.setProperty("rules.version", fresh);
		versions.record(new AdmissionRules(p));
		assertThat(versions.content(fresh).orElseThrow()).contains("order31.province-tce=5000\n");
		assertThat(versions.content("leshan-2026.1").orElseThrow()).contains("order31.province-tce=10000\n");
	}
}
