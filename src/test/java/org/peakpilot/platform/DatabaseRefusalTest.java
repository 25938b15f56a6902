package org.peakpilot.platform;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.ProblemDetail;
import org.springframework.jdbc.UncategorizedSQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The safety net behind the validation: what the database refuses as bad input is a 4xx problem, not a 500. */
class DatabaseRefusalTest {

	final ApiExceptionHandler handler = new ApiExceptionHandler();

	@Test
	void aNumericOverflowOrTooLongTextThatSlippedThroughIsABadRequest() throws Exception {
		ProblemDetail overflow = handler.refusedByDatabase(new DataIntegrityViolationException("insert",
				new SQLException("numeric field overflow", "22003")));
		assertThat(overflow.getStatus()).isEqualTo(400);
		assertThat(overflow.getType().toString()).isEqualTo("/problems/invalid-input");
		assertThat(overflow.getDetail()).doesNotContain("numeric field overflow");
		assertThat(handler.refusedByDatabase(new UncategorizedSQLException("update", "UPDATE x",
				new SQLException("value too long for type character varying(200)", "22001"))).getStatus()).isEqualTo(400);
	}

	@Test
	void aDuplicateIsAConflict() throws Exception {
		assertThat(handler.refusedByDatabase(new DuplicateKeyException("insert", new SQLException("duplicate key", "23505")))
			.getStatus()).isEqualTo(409);
	}

	@Test
	void aFailureThatIsNoInputProblemStaysAFailure() {
		UncategorizedSQLException broken = new UncategorizedSQLException("select", "SELECT x", new SQLException("no table", "42P01"));
		assertThatThrownBy(() -> handler.refusedByDatabase(broken)).isSameAs(broken);
	}
}
