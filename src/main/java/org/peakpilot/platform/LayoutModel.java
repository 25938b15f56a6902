package org.peakpilot.platform;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every page's layout needs: who is signed in, their role, and whether the data is made up. */
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
	boolean demoData() {
		return settings.holdsDemoData();
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
