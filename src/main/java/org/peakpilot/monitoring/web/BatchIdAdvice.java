package org.peakpilot.monitoring.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Puts the batch id of a readings request into the problem that refuses it (400, 413, 503 from ingest, whichever
 * handler wrote it), so that a gateway can match every answer to its batch. Acts only on requests where
 * {@link MonitoringApi} set the id.
 */
@RestControllerAdvice
class BatchIdAdvice implements ResponseBodyAdvice<Object> {

	@Override
	public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
		return true;
	}

	@Override
	public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
			Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request, ServerHttpResponse response) {
		if (body instanceof ProblemDetail problem && request instanceof ServletServerHttpRequest servlet) {
			HttpServletRequest r = servlet.getServletRequest();
			if (r.getAttribute(MonitoringApi.BATCH_ID) instanceof String id) {
				problem.setProperty("batchId", id);
			}
		}
		return body;
	}
}
