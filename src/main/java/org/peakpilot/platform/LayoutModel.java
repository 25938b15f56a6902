package org.peakpilot.platform;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerMapping;

/**
 * What every page's layout needs: who is signed in, their role, and whether the data is made up. A
 * {@code @RestController} is a {@code Controller} too, so this advice runs for every API call as well, where no
 * layout is rendered: there it adds nothing (issue 16: the demo flag was a database query per API call, one per
 * batch of readings).
 */
@ControllerAdvice(annotations = Controller.class)
class LayoutModel {

	private final InstanceSettings settings;

	LayoutModel(InstanceSettings settings) {
		this.settings = settings;
	}

	@ModelAttribute("me")
	Me me() {
		Authentication auth = SecurityContextHolder.getContext().getAuthentication();
		if (auth != null && auth.getPrincipal() instanceof PeakPilotUser user) {
			return new Me(user.getUsername(), user.displayName(), user.scope().role());
		}
		return null;
	}

	@ModelAttribute("demoData")
	Boolean demoData(HttpServletRequest request) {
		return answersWithBody(request) ? null : settings.holdsDemoData();
	}

	/** The handler writes its answer as the body (JSON), not through a view. */
	static boolean answersWithBody(HttpServletRequest request) {
		return request.getAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE) instanceof HandlerMethod handler
				&& (AnnotatedElementUtils.hasAnnotation(handler.getBeanType(), ResponseBody.class)
						|| handler.hasMethodAnnotation(ResponseBody.class));
	}

	record Me(String username, String displayName, Role role) {
		public boolean admin() {
			return role == Role.CITY_ADMIN;
		}

		public boolean cityWide() {
			return role.isCityWide();
		}
	}
}
