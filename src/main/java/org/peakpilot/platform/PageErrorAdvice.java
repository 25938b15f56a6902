package org.peakpilot.platform;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.validation.BindException;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.FlashMap;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.support.RequestContextUtils;
import org.springframework.web.servlet.view.RedirectView;
import org.springframework.web.util.UriUtils;

/**
 * Turns the platform's exceptions into pages for every page controller, once (ADR 0013, "Web"):
 * <ul>
 * <li>{@link InvalidInputException}, a {@link RuleViolationException} or a form value that does not bind (a binding
 * failure names its field) on a handler with {@link BackTo}: a redirect to that page with the errors (and the
 * parameters {@link BackTo#keep()} names) as flash attributes;</li>
 * <li>a request the page cannot answer as sent (a required parameter missing): the 400 page naming it;</li>
 * <li>{@link NotFoundException}: the 404 page; {@link AccessDeniedException} of a signed-in user: the 403 page;</li>
 * <li>anything else, and the above on a handler without {@link BackTo}: as before, the status of the exception
 * (400, 422) on the error page.</li>
 * </ul>
 * REST controllers are left to {@code ApiExceptionHandler} (RFC 9457), which takes precedence; should one of their
 * exceptions reach this advice, it is passed on unchanged. This advice comes before Spring Boot's problem-details
 * handler ({@code spring.mvc.problemdetails.enabled}), which would otherwise answer a page's binding failure with JSON.
 */
@ControllerAdvice(annotations = Controller.class)
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class PageErrorAdvice {

	private static final Logger log = LoggerFactory.getLogger(PageErrorAdvice.class);
	private static final Pattern VARIABLE = Pattern.compile("\\{([A-Za-z][A-Za-z0-9]*)}");
	/** Longest kept parameter and longest rejected value quoted back: a flash attribute lives in the session. */
	static final int MAX_KEPT = 20_000;
	static final int MAX_QUOTED = 40;
	/** The request attribute with the name of a missing parameter, for the 400 page. */
	static final String MISSING_PARAMETER = "missingParameter";

	@ExceptionHandler(InvalidInputException.class)
	ModelAndView invalid(InvalidInputException ex, HandlerMethod handler, HttpServletRequest request) throws Exception {
		return back(ex, handler, request, ex.errors());
	}

	@ExceptionHandler(RuleViolationException.class)
	ModelAndView rule(RuleViolationException ex, HandlerMethod handler, HttpServletRequest request) throws Exception {
		BackTo backTo = handler.getMethodAnnotation(BackTo.class);
		return back(ex, handler, request, List.of(InputError.field(backTo == null ? "form" : backTo.rule(), ex.getMessage())));
	}

	/** A form record or parameter whose value does not convert (a number field with letters): the field is named. */
	@ExceptionHandler({ BindException.class, MethodArgumentNotValidException.class, MethodArgumentTypeMismatchException.class })
	ModelAndView binding(Exception ex, HandlerMethod handler, HttpServletRequest request, HttpServletResponse response) throws Exception {
		List<InputError> errors = new ArrayList<>();
		if (ex instanceof MethodArgumentTypeMismatchException m) {
			errors.add(InputError.field(m.getName(), rejected(m.getValue(), m.getRequiredType())));
		}
		else {
			BindingResult result = ex instanceof BindingResult b ? b : ((MethodArgumentNotValidException) ex).getBindingResult();
			errors.addAll(fieldErrors(result));
		}
		if (handler.getMethodAnnotation(BackTo.class) == null || isApi(handler)) {
			if (isApi(handler)) {
				throw ex;
			}
			// no page to go back to: a 400 on the error page, as the status of a refused input always was
			response.sendError(HttpStatus.BAD_REQUEST.value());
			return new ModelAndView();
		}
		return back(ex, handler, request, errors);
	}

	/**
	 * A request a page cannot answer as sent, such as a required parameter or file that is missing: the 400 page in
	 * the reader's language, naming the parameter (Boot's problem-details handler would otherwise answer a page with
	 * JSON). The API's problem for it is {@code ApiExceptionHandler}'s.
	 */
	@ExceptionHandler({ ServletRequestBindingException.class, MissingServletRequestPartException.class })
	ModelAndView badRequest(Exception ex, HandlerMethod handler, HttpServletRequest request, HttpServletResponse response) throws Exception {
		if (isApi(handler)) {
			throw ex;
		}
		String parameter = ex instanceof MissingServletRequestParameterException m ? m.getParameterName()
				: ex instanceof MissingServletRequestPartException p ? p.getRequestPartName() : null;
		log.debug("Bad request on {}: {}", request.getRequestURI(), ex.getMessage());
		request.setAttribute(MISSING_PARAMETER, parameter);
		response.sendError(HttpStatus.BAD_REQUEST.value());
		return new ModelAndView();
	}

	@ExceptionHandler(NotFoundException.class)
	ModelAndView notFound(NotFoundException ex, HandlerMethod handler, HttpServletResponse response) throws Exception {
		if (isApi(handler)) {
			throw ex;
		}
		response.sendError(HttpStatus.NOT_FOUND.value());
		return new ModelAndView();
	}

	@ExceptionHandler(AccessDeniedException.class)
	ModelAndView denied(AccessDeniedException ex, HandlerMethod handler, HttpServletResponse response) throws Exception {
		Authentication auth = SecurityContextHolder.getContext().getAuthentication();
		// nobody signed in: Spring Security's entry point sends them to the sign-in page
		if (isApi(handler) || auth == null || auth instanceof AnonymousAuthenticationToken || !auth.isAuthenticated()) {
			throw ex;
		}
		response.sendError(HttpStatus.FORBIDDEN.value());
		return new ModelAndView();
	}

	/** The errors of a binding, each naming its field; a value that does not convert is quoted (shortened). */
	static List<InputError> fieldErrors(BindingResult result) {
		List<InputError> errors = new ArrayList<>();
		for (FieldError f : result.getFieldErrors()) {
			errors.add(InputError.field(f.getField(), f.isBindingFailure() ? rejected(f.getRejectedValue(), type(result, f.getField()))
					: String.valueOf(f.getDefaultMessage())));
		}
		result.getGlobalErrors().forEach(g -> errors.add(InputError.field(g.getObjectName(), String.valueOf(g.getDefaultMessage()))));
		return errors;
	}

	private static Class<?> type(BindingResult result, String field) {
		try {
			return result.getFieldType(field);
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	private static String rejected(Object value, Class<?> type) {
		String text = value instanceof String[] array ? String.join(",", array) : String.valueOf(value);
		if (text.length() > MAX_QUOTED) {
			text = text.substring(0, MAX_QUOTED) + "…";
		}
		boolean number = type != null && (Number.class.isAssignableFrom(type) || type.isPrimitive() || type == BigDecimal.class);
		return "'" + text + "' is not " + (number ? "a number" : "a valid value");
	}

	private ModelAndView back(Exception ex, HandlerMethod handler, HttpServletRequest request, List<InputError> errors) throws Exception {
		BackTo backTo = handler.getMethodAnnotation(BackTo.class);
		if (backTo == null || isApi(handler)) {
			throw ex; // the exception's own status (400, 422) on the error page, as before
		}
		log.debug("Refused input on {}: {}", request.getRequestURI(), errors);
		FlashMap flash = RequestContextUtils.getOutputFlashMap(request);
		flash.put(backTo.errors(), errors);
		for (String keep : backTo.keep()) {
			int eq = keep.indexOf('=');
			String attribute = eq < 0 ? keep : keep.substring(0, eq);
			String parameter = eq < 0 ? keep : keep.substring(eq + 1);
			String value = request.getParameter(parameter);
			if (value != null) {
				flash.put(attribute, value.length() <= MAX_KEPT ? value : value.substring(0, MAX_KEPT));
			}
		}
		@SuppressWarnings("unchecked")
		Map<String, String> variables = (Map<String, String>) request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
		RedirectView view = new RedirectView(target(backTo.value(), variables == null ? Map.of() : variables), true);
		view.setExpandUriTemplateVariables(false);
		view.setExposeModelAttributes(false);
		return new ModelAndView(view);
	}

	/**
	 * The path of {@code template} with its variables replaced by the path variables, each encoded as one path
	 * segment. Only a path of this application comes out: a template that is not one is a programming error.
	 */
	static String target(String template, Map<String, String> variables) {
		if (!template.startsWith("/") || template.startsWith("//") || template.startsWith("/\\") || template.contains("://")) {
			throw new IllegalStateException("@BackTo must name a path of this application: " + template);
		}
		Matcher m = VARIABLE.matcher(template);
		StringBuilder out = new StringBuilder();
		while (m.find()) {
			String value = variables.get(m.group(1));
			if (value == null) {
				throw new IllegalStateException("@BackTo " + template + " names {" + m.group(1) + "}, which is no path variable");
			}
			m.appendReplacement(out, Matcher.quoteReplacement(UriUtils.encodePathSegment(value, java.nio.charset.StandardCharsets.UTF_8)));
		}
		m.appendTail(out);
		return out.toString();
	}

	private static boolean isApi(HandlerMethod handler) {
		return AnnotatedElementUtils.hasAnnotation(handler.getBeanType(), RestController.class)
				|| handler.hasMethodAnnotation(ResponseBody.class);
	}
}
