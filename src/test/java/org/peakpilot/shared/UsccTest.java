package org.peakpilot.shared;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.peakpilot.Counties.LESHAN;
import static org.peakpilot.Counties.SHAWAN;

class UsccTest {

	/**
	 * Check characters worked out by hand from GB 32100-2015 (weights 1,3,9,27,19,26,16,17,20,29,25,13,8,24,10,30,28;
	 * check = 31 − Σ mod 31). 91350100M000100Y43 is the standard's published example.
	 */
	@ParameterizedTest
	@CsvSource({ "91350100M000100Y43", "915111112072503145", "91511100MA62A0B2X0", "52511126MJQ1234560" })
	void acceptsCodesWithTheRightCheckCharacter(String code) {
		assertThat(new Uscc(code).value()).isEqualTo(code);
		assertThat(Uscc.problemWith(code)).isNull();
	}

	@ParameterizedTest
	@CsvSource({
			"91350100M000100Y44, check character",
			"91350100M000100Y4, 18 characters",
			"91350100M000100Y433, 18 characters",
			"91350100I000100Y43, not allowed",
			"91350100O000100Y43, not allowed",
			"9135010OM000100Y43, not allowed",
			"91350100m000100Y43, not allowed" })
	void rejectsMalformedCodesNamingTheRule(String code, String rule) {
		assertThat(Uscc.problemWith(code)).contains(rule);
		assertThatIllegalArgumentException().isThrownBy(() -> new Uscc(code));
	}

	@Test
	void parsingToleratesSpacesAndLowerCase() {
		assertThat(Uscc.parse(" 91350100m000100y43 ").value()).isEqualTo("91350100M000100Y43");
	}

	@Test
	void exposesTheRegistrationRegion() {
		assertThat(new Uscc("915111112072503145").registrationRegion()).isEqualTo(SHAWAN);
	}

	@Test
	void regionCodesHaveSixDigits() {
		assertThat(new RegionCode(SHAWAN).prefecture().value()).isEqualTo(LESHAN);
		assertThat(new RegionCode(LESHAN).isPrefecture()).isTrue();
		assertThatIllegalArgumentException().isThrownBy(() -> new RegionCode("51111"));
		assertThatIllegalArgumentException().isThrownBy(() -> new RegionCode("051111"));
	}
}
