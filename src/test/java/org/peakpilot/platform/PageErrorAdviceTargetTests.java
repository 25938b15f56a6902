package org.peakpilot.platform;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The way back of {@link BackTo}: a path of this application, its variables one encoded path segment each. */
class PageErrorAdviceTargetTests {

	@Test
	void variablesAreOnePathSegmentEach() {
		assertThat(PageErrorAdvice.target("/monitoring/meters/{id}#gaps", Map.of("id", "7"))).isEqualTo("/monitoring/meters/7#gaps");
		// a variable cannot make the path protocol-relative or climb out of its segment
		assertThat(PageErrorAdvice.target("/{code}", Map.of("code", "/evil.example/x"))).isEqualTo("/%2Fevil.example%2Fx");
		assertThat(PageErrorAdvice.target("/plan/items/{code}", Map.of("code", "//evil.example?x#y")))
			.isEqualTo("/plan/items/%2F%2Fevil.example%3Fx%23y");
		assertThat(PageErrorAdvice.target("/plan/items/{code}", Map.of("code", "\\\\evil.example"))).isEqualTo("/plan/items/%5C%5Cevil.example");
	}

	@Test
	void aTemplateThatIsNoPathOfThisApplicationIsRefused() {
		for (String template : List.of("//evil.example/{id}", "https://evil.example/", "/\\evil.example", "evil.example", "/x/https://e")) {
			assertThatThrownBy(() -> PageErrorAdvice.target(template, Map.of("id", "1"))).as(template).isInstanceOf(IllegalStateException.class);
		}
		assertThatThrownBy(() -> PageErrorAdvice.target("/meters/{missing}", Map.of("id", "1"))).isInstanceOf(IllegalStateException.class);
	}
}
