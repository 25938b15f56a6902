package org.peakpilot.demo;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.peakpilot.platform.Role;
import org.peakpilot.shared.Uscc;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.Resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DemoDataSetTests {

	private static final String LESHAN = "classpath:plans/leshan/";

	private final DefaultResourceLoader resources = new DefaultResourceLoader();

	private Optional<Resource> leshan(String name) {
		Resource r = resources.getResource(LESHAN + name);
		return r.exists() ? Optional.of(r) : Optional.empty();
	}

	@Test
	void derivesValidCodesWithTheCountyThatAreTheSameOnEveryRun() {
		String code = DemoDataSet.uscc("511111", "shawan-steel");
		assertThat(Uscc.problemWith(code)).isNull();
		assertThat(new Uscc(code).registrationRegion()).isEqualTo("511111");
		assertThat(code).startsWith("91");
		assertThat(DemoDataSet.uscc("511111", "shawan-steel")).isEqualTo(code);
		assertThat(DemoDataSet.uscc("511111", "shawan-iron")).isNotEqualTo(code);
	}

	@Test
	void leshanDemoEnterprisesAreLabelledMadeUpAndHaveDistinctValidCodes() {
		DemoDataSet data = DemoDataSet.read(this::leshan);
		assertThat(data.enterprises()).hasSizeGreaterThanOrEqualTo(10)
			.allSatisfy(e -> {
				assertThat(e.name()).startsWith("示例").endsWith("（虚构）");
				assertThat(Uscc.problemWith(e.uscc())).isNull();
				assertThat(e.uscc().substring(2, 8)).isEqualTo(e.countyCode());
			});
		assertThat(data.enterprises().stream().map(DemoDataSet.Enterprise::uscc).distinct()).hasSameSizeAs(data.enterprises());
		assertThat(data.enterprises()).anyMatch(DemoDataSet.Enterprise::keyEnergyUnit)
			.anyMatch(e -> !e.keyEnergyUnit());
	}

	@Test
	void leshanDemoHasAUserForEveryRoleButTheAdministrator() {
		Set<Role> roles = DemoDataSet.read(this::leshan).users().stream().map(DemoDataSet.User::role).collect(Collectors.toSet());
		assertThat(roles).containsExactlyInAnyOrder(Role.CITY_OFFICER, Role.COUNTY_OFFICER, Role.PARK_MANAGER,
				Role.ENTERPRISE_USER, Role.VERIFIER);
	}

	@Test
	void aPlanFolderWithoutDemoTablesIsNamedInTheError() {
		assertThatThrownBy(() -> DemoDataSet.read(name -> Optional.empty()))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("demo/enterprises.csv");
	}
}
