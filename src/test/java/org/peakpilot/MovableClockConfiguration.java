package org.peakpilot;

import java.time.Clock;
import java.time.Instant;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;

/**
 * The application's {@link Clock} as a {@link MovableClock} the test autowires and moves ({@code @Autowired MovableClock
 * now}). It starts at the ISO-8601 instant of the property {@code peakpilot.test.clock} (else now), set next to the
 * class's own schema in {@code @SpringBootTest(properties = …)}, so a class importing this keeps its own context and
 * its own clock.
 */
@TestConfiguration(proxyBeanMethods = false)
class MovableClockConfiguration {

	@Bean
	@Primary
	MovableClock movableClock(Environment env) {
		String start = env.getProperty("peakpilot.test.clock");
		return new MovableClock(start == null ? Instant.now() : Instant.parse(start));
	}
}
