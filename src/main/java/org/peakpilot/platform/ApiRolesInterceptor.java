package org.peakpilot.platform;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/** Refuses a call to an operation marked {@link ApiRoles} by a caller without one of its roles. */
class ApiRolesInterceptor implements HandlerInterceptor {

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		if (handler instanceof HandlerMethod method) {
			ApiRoles roles = method.getMethodAnnotation(ApiRoles.class);
			if (roles != null) {
				AccessScope.current().requireRole(roles.value());
			}
		}
		return true;
	}
}
