package org.peakpilot.platform;

import java.net.URI;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;

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

	@ExceptionHandler(HttpMessageNotReadableException.class)
	ProblemDetail unreadable(HttpMessageNotReadableException ex) {
		return problem(HttpStatus.BAD_REQUEST, "unreadable-body", "The request body is not valid JSON of the expected shape.");
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
