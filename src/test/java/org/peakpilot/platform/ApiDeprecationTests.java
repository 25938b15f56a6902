package org.peakpilot.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.method.HandlerMethod;

/** An operation marked for removal answers with the RFC 9745 and RFC 8594 headers; others without. */
class ApiDeprecationTests {

	static class Handlers {

		@ApiDeprecation(since = "2026-12-01", sunset = "2027-06-01", successor = "listPlanZones")
		void old() {
		}

		void current() {
		}
	}

	@Test
	void aDeprecatedOperationAnswersWithDeprecationAndSunsetHeaders() throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		new ApiDeprecationInterceptor().preHandle(new MockHttpServletRequest(), response,
				new HandlerMethod(new Handlers(), Handlers.class.getDeclaredMethod("old")));
		// 2026-12-01T00:00+08:00 = 2026-11-30T16:00Z
		assertThat(response.getHeader("Deprecation")).isEqualTo("@1796054400");
		assertThat(response.getHeader("Sunset")).isEqualTo("Mon, 31 May 2027 16:00:00 GMT");
	}

	@Test
	void anOperationNotMarkedAnswersWithoutThem() throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		new ApiDeprecationInterceptor().preHandle(new MockHttpServletRequest(), response,
				new HandlerMethod(new Handlers(), Handlers.class.getDeclaredMethod("current")));
		assertThat(response.getHeader("Deprecation")).isNull();
		assertThat(response.getHeader("Sunset")).isNull();
	}
}
