package org.peakpilot;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;

/**
 * A test of the whole application on a random port, with MockMvc and {@link Fixtures} injectable, on the shared
 * schema {@code pp_shared} ({@link TestDatabase}). Every class with this annotation and nothing else shares one
 * Spring context, so its data meets the data of other test classes: assert on the test's own fixtures (Fixtures
 * makes every enterprise and user unique), never on city-wide counts. A test that needs other properties (demo
 * data, a second city, a movable clock, city-wide totals) adds them with {@code @TestPropertySource}, says why in a
 * comment, and pays for a context of its own.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "peakpilot.test.schema=" + PeakPilotTest.SCHEMA)
@AutoConfigureMockMvc
@Import(Fixtures.class)
public @interface PeakPilotTest {

	/** The schema of the shared context. */
	String SCHEMA = "pp_shared";
}
