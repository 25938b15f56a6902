package org.peakpilot.inclusive.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.peakpilot.inclusive.internal.Citizens;
import org.peakpilot.platform.AccessScope;
import org.peakpilot.platform.BackTo;
import org.peakpilot.platform.Role;
import org.peakpilot.platform.UserAccounts;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * The public H5 pages of the carbon-inclusive scheme: the welcome page with a phone-sized sign-in form (posting to the
 * platform's {@code /login}) and the sign-up form (phone number or e-mail, password, public name; no real name). A
 * sign-up is throttled per client address and signs the new citizen in.
 */
@Controller
class CitizenSignupPages {

	private final Citizens citizens;
	private final UserAccounts accounts;
	private final HttpSessionSecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

	CitizenSignupPages(Citizens citizens, UserAccounts accounts) {
		this.citizens = citizens;
		this.accounts = accounts;
	}

	/** The sign-up form's fields. */
	record SignupFields(String login, String password, String publicName) {
	}

	@GetMapping("/inclusive/welcome")
	String welcome(Model model) {
		if (AccessScope.current().hasRole(Role.CITIZEN)) {
			return "redirect:/inclusive";
		}
		model.addAttribute("minPassword", UserAccounts.MIN_PASSWORD_LENGTH);
		return "inclusive/citizen/welcome";
	}

	@GetMapping("/inclusive/signup")
	String form(Model model) {
		model.addAttribute("minPassword", UserAccounts.MIN_PASSWORD_LENGTH);
		model.addAttribute("nameMax", Citizens.PUBLIC_NAME_MAX);
		return "inclusive/citizen/signup";
	}

	@PostMapping("/inclusive/signup")
	@BackTo(value = "/inclusive/signup", keep = { "login", "publicName" })
	String signUp(@ModelAttribute SignupFields fields, HttpServletRequest request, HttpServletResponse response) {
		citizens.countSignUpAttempt(request.getRemoteAddr());
		citizens.signUp(fields.login(), fields.password(), fields.publicName());
		// signed in at once, in a new session (no fixation)
		UserDetails user = accounts.loadUserByUsername(UserAccounts.selfLogin(fields.login()).orElseThrow());
		if (request.getSession(false) != null) {
			request.changeSessionId();
		}
		else {
			request.getSession(true);
		}
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
		SecurityContextHolder.setContext(context);
		contexts.saveContext(context, request, response);
		return "redirect:/inclusive?welcome";
	}
}
