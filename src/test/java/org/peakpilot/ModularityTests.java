package org.peakpilot;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

class ModularityTests {

	private final ApplicationModules modules = ApplicationModules.of(PeakPilotApplication.class);

	@Test
	void modulesKeepTheirBoundaries() {
		modules.verify();
	}

	/**
	 * Reads the Javadoc the build collected (target/generated-spring-modulith/javadoc.json) with Spring Boot's
	 * BasicJsonParser, which counts brackets inside strings: a Javadoc with an unbalanced bracket, such as a
	 * half-open interval written "[a, b)", breaks it ("No signature found in source map").
	 */
	@Test
	void writesModuleDocumentation() {
		new Documenter(modules).writeModulesAsPlantUml().writeIndividualModulesAsPlantUml().writeModuleCanvases();
	}
}
