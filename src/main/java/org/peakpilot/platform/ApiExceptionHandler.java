package org.peakpilot.platform;

import java.net.URI;
import java.sql.SQLException;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Translates the platform's exceptions into RFC 9457 problem details for every REST controller, once.
 * Validation problems list each error with its field (and row, for files) under {@code errors}.
 */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

	@ExceptionHandler(InvalidInputException.class)
	ProblemDetail invalid(InvalidInputException ex) {
		log.warn("Rejected input: {}", ex.getMessage());
		ProblemDetail p = problem(HttpStatus.BAD_REQUEST, "invalid-input",
				ex.errors().size() == 1 ? ex.errors().get(0).toString() : ex.errors().size() + " errors in the input; nothing was written");
		p.setProperty("errors", ex.errors());
		return p;
	}

	@ExceptionHandler(NotFoundException.class)
	ProblemDetail notFound(NotFoundException ex) {
		return problem(HttpStatus.NOT_FOUND, "not-found", ex.getMessage());
	}

	@ExceptionHandler(RuleViolationException.class)
	ProblemDetail rule(RuleViolationException ex) {
		return problem(ex.isConflict() ? HttpStatus.CONFLICT : HttpStatus.UNPROCESSABLE_CONTENT, "rule-violation", ex.getMessage());
	}

	@ExceptionHandler(AccessDeniedException.class)
	ProblemDetail denied(AccessDeniedException ex) {
		return problem(HttpStatus.FORBIDDEN, "forbidden", "Your role or scope does not allow this.");
	}

	@ExceptionHandler(MaxUploadSizeExceededException.class)
	ProblemDetail tooLarge(MaxUploadSizeExceededException ex) {
		return problem(HttpStatus.CONTENT_TOO_LARGE, "upload-too-large", "The upload is larger than the server accepts.");
	}

	@ExceptionHandler(MultipartException.class)
	ProblemDetail multipart(MultipartException ex) {
		return problem(HttpStatus.BAD_REQUEST, "invalid-upload", "The upload could not be read as a multipart form with a file.");
	}

	/**
	 * A body that is no JSON, or JSON with a value of the wrong type for its field: the field is named by its path
	 * in the body ({@code lines[2].line.quantity}), so that the sender knows which one to fix.
	 */
	@ExceptionHandler(HttpMessageNotReadableException.class)
	ProblemDetail unreadable(HttpMessageNotReadableException ex) {
		String field = ex.getCause() instanceof JacksonException jackson ? fieldPath(jackson.getPath()) : null;
		if (field == null || field.isEmpty()) {
			return problem(HttpStatus.BAD_REQUEST, "unreadable-body", "The request body is not valid JSON of the expected shape.");
		}
		String expected = ex.getCause() instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null
				? expectedType(mismatch.getTargetType()) : "a value of another type";
		ProblemDetail p = problem(HttpStatus.BAD_REQUEST, "invalid-input", "Field '" + field + "' must be " + expected + ".");
		p.setProperty("errors", List.of(InputError.field(field, "must be " + expected)));
		return p;
	}

	/** {@code lines[2].line.quantity} from Jackson's path of references. */
	static String fieldPath(List<JacksonException.Reference> path) {
		StringBuilder out = new StringBuilder();
		for (JacksonException.Reference ref : path) {
			if (ref.getIndex() >= 0) {
				out.append('[').append(ref.getIndex()).append(']');
			}
			else if (ref.getPropertyName() != null) {
				out.append(out.isEmpty() ? "" : ".").append(ref.getPropertyName());
			}
		}
		return out.toString();
	}

	private static String expectedType(Class<?> type) {
		if (type.isEnum()) {
			return "one of " + java.util.Arrays.toString(type.getEnumConstants());
		}
		if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
			return "a number";
		}
		if (type == Boolean.class || type == boolean.class) {
			return "true or false";
		}
		if (type == String.class) {
			return "a text";
		}
		if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
			return "a list";
		}
		if (java.time.temporal.Temporal.class.isAssignableFrom(type)) {
			return "an ISO-8601 date or time";
		}
		return "an object";
	}

	/**
	 * A safety net behind the validation: a value the database refuses (numeric overflow 22003, text too long
	 * 22001, other data exceptions 22xxx, constraint violations 23xxx) is the caller's input, not a server failure.
	 * The validation in front of the database should have named the field; this says that nothing was written.
	 */
	@ExceptionHandler({ DataIntegrityViolationException.class, UncategorizedSQLException.class })
	ProblemDetail refusedByDatabase(Exception ex) throws Exception {
		String state = sqlState(ex);
		if (state == null || !(state.startsWith("22") || state.startsWith("23"))) {
			throw ex;
		}
		log.warn("The database refused input that the validation let through (SQLState {}): {}", state, ex.getMessage());
		if (state.equals("23505")) {
			return problem(HttpStatus.CONFLICT, "rule-violation", "This record already exists; nothing was written.");
		}
		return problem(HttpStatus.BAD_REQUEST, "invalid-input",
				"A value is out of range or too long for its field; nothing was written.");
	}

	private static String sqlState(Throwable ex) {
		for (Throwable t = ex; t != null; t = t.getCause()) {
			if (t instanceof SQLException sql && sql.getSQLState() != null) {
				return sql.getSQLState();
			}
		}
		return null;
	}

	/** A required parameter, header or file that the request does not carry: the parameter is named. */
	@ExceptionHandler({ ServletRequestBindingException.class, MissingServletRequestPartException.class })
	ProblemDetail missing(Exception ex) {
		String name = ex instanceof MissingServletRequestParameterException m ? m.getParameterName()
				: ex instanceof MissingServletRequestPartException p ? p.getRequestPartName()
				: ex instanceof MissingRequestHeaderException h ? h.getHeaderName() : null;
		if (name == null) {
			return problem(HttpStatus.BAD_REQUEST, "invalid-input", "The request cannot be answered as sent: " + ex.getMessage());
		}
		ProblemDetail p = problem(HttpStatus.BAD_REQUEST, "invalid-input", "Parameter '" + name + "' is required.");
		p.setProperty("errors", List.of(InputError.field(name, "is required")));
		return p;
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ProblemDetail mismatch(MethodArgumentTypeMismatchException ex) {
		ProblemDetail p = problem(HttpStatus.BAD_REQUEST, "invalid-input", "Parameter '" + ex.getName() + "' has the wrong type.");
		p.setProperty("errors", List.of(InputError.field(ex.getName(), "wrong type")));
		return p;
	}

	@ExceptionHandler(MethodArgumentNotValidException.class)
	ProblemDetail notValid(MethodArgumentNotValidException ex) {
		List<InputError> errors = ex.getBindingResult().getFieldErrors().stream()
			.map(f -> InputError.field(f.getField(), f.getDefaultMessage())).toList();
		ProblemDetail p = problem(HttpStatus.BAD_REQUEST, "invalid-input", errors.size() + " invalid field(s)");
		p.setProperty("errors", errors);
		return p;
	}

	/**
	 * The database cannot be reached (down, restarting, pool exhausted): nothing was written, and the caller
	 * should send the same request again later. A 503 with Retry-After, so that meter gateways retry.
	 */
	@ExceptionHandler({ CannotGetJdbcConnectionException.class, DataAccessResourceFailureException.class,
			TransientDataAccessResourceException.class, QueryTimeoutException.class, CannotCreateTransactionException.class })
	ResponseEntity<ProblemDetail> databaseUnavailable(Exception ex) {
		log.warn("Database unavailable, answered 503: {}", ex.getMessage());
		ProblemDetail p = problem(HttpStatus.SERVICE_UNAVAILABLE, "database-unavailable",
				"The database is not reachable at the moment; nothing was written. Send the same request again later.");
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5").body(p);
	}

	static ProblemDetail problem(HttpStatus status, String type, String detail) {
		ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
		p.setType(URI.create("/problems/" + type));
		return p;
	}

}
