package org.peakpilot.platform;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/** Adds the {@code Deprecation} and {@code Sunset} headers to every answer of an {@link ApiDeprecation} operation. */
class ApiDeprecationInterceptor implements HandlerInterceptor {

	private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		if (handler instanceof HandlerMethod method) {
			ApiDeprecation deprecation = method.getMethodAnnotation(ApiDeprecation.class);
			if (deprecation != null) {
				response.setHeader("Deprecation", deprecationHeader(deprecation));
				response.setHeader("Sunset", sunsetHeader(deprecation));
			}
		}
		return true;
	}

	/** RFC 9745: {@code @<epoch seconds>} of the day it was deprecated. */
	static String deprecationHeader(ApiDeprecation deprecation) {
		return "@" + LocalDate.parse(deprecation.since()).atStartOfDay(BEIJING).toEpochSecond();
	}

	/** RFC 8594: an HTTP date. */
	static String sunsetHeader(ApiDeprecation deprecation) {
		return DateTimeFormatter.RFC_1123_DATE_TIME.format(LocalDate.parse(deprecation.sunset()).atStartOfDay(BEIJING)
			.withZoneSameInstant(ZoneId.of("GMT")));
	}
}
