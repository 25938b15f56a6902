package org.peakpilot.platform;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Sign-in, the landing redirect, the user's own tokens and password, and the administrator's pages. */
@Controller
class PlatformPages {

	private final UserAccounts accounts;
	private final AuditLog audit;
	private final ScopeDirectory directory;
	private final List<AuditView> auditViews;

	PlatformPages(UserAccounts accounts, AuditLog audit, ScopeDirectory directory, List<AuditView> auditViews) {
		this.accounts = accounts;
		this.audit = audit;
		this.directory = directory;
		this.auditViews = auditViews;
	}

	@GetMapping("/login")
	String login() {
		return "platform/login";
	}

	/** City roles land on the indicator cockpit, the forestry officer on the sink ledger, everyone else on their work queue ({@code /work}). */
	@GetMapping("/")
	String home() {
		AccessScope scope = AccessScope.current();
		if (scope.hasRole(Role.FORESTRY_OFFICER)) {
			return "redirect:/budget/sinks";
		}
		if (scope.hasRole(Role.BANK)) {
			return "redirect:/projects/green";
		}
		if (scope.hasRole(Role.CITIZEN)) {
			return "redirect:/inclusive";
		}
		if (scope.hasRole(Role.PARTNER)) {
			return "redirect:/inclusive/partner";
		}
		if (scope.hasRole(Role.METRICS)) {
			return "redirect:/account";
		}
		return scope.isCityWide() ? "redirect:/plan/cockpit" : "redirect:/work";
	}

	@GetMapping("/account")
	String account(Model model) {
		model.addAttribute("user", accounts.me());
		model.addAttribute("tokens", accounts.myTokens());
		return "platform/account";
	}

	@PostMapping("/account/tokens")
	@BackTo("/account")
	String createToken(@RequestParam String name, RedirectAttributes redirect) {
		redirect.addFlashAttribute("createdToken", accounts.createToken(name));
		return "redirect:/account";
	}

	@PostMapping("/account/tokens/{id}/revoke")
	String revokeToken(@PathVariable long id) {
		accounts.revokeToken(id);
		return "redirect:/account";
	}

	@PostMapping("/account/password")
	@BackTo("/account")
	String changePassword(@RequestParam String currentPassword, @RequestParam String newPassword, RedirectAttributes redirect,
			HttpServletRequest request, HttpServletResponse response) {
		// a locked sign-in is no exception of the page advice: its message is made here
		try {
			accounts.changeOwnPassword(currentPassword, newPassword);
			SessionRevocationFilter.renewOwnSession(accounts, request, response);
			redirect.addFlashAttribute("passwordChanged", true);
		}
		catch (LoginLockedException ex) {
			redirect.addFlashAttribute("errors", List.of(InputError.field("currentPassword",
					"too many wrong passwords: locked for " + ex.retryAfterMinutes() + " min")));
		}
		return "redirect:/account";
	}

	@GetMapping("/admin/users")
	String users(Model model) {
		model.addAttribute("users", accounts.users());
		model.addAttribute("roles", Role.userRoles());
		// names instead of IDs for each user's scope
		java.util.Map<String, String> names = new java.util.HashMap<>();
		directory.countyChoices().forEach(c -> names.put(c.value(), c.name()));
		directory.parkChoices().forEach(p -> names.put("park:" + p.value(), p.name()));
		directory.enterpriseChoices().forEach(e -> names.put("enterprise:" + e.value(), e.name()));
		model.addAttribute("scopeNames", names);
		return "platform/users";
	}

	@GetMapping("/admin/users/new")
	String newUser(Model model) {
		model.addAttribute("form", new UserAccounts.UserForm("", "", "", Role.CITY_OFFICER, null, null, null, Set.of(), true));
		return userForm(model);
	}

	@GetMapping("/admin/users/{id}")
	String editUser(@PathVariable long id, Model model) {
		UserAccounts.UserView u = accounts.user(id);
		model.addAttribute("userId", id);
		model.addAttribute("form", new UserAccounts.UserForm(u.username(), u.displayName(), null, u.role(), u.countyCode(),
				u.parkId(), u.enterpriseId(), u.assignedEnterprises(), u.enabled()));
		return userForm(model);
	}

	@PostMapping("/admin/users")
	String createUser(@ModelAttribute UserFormFields fields, BindingResult posted, Model model, RedirectAttributes redirect) {
		UserAccounts.UserForm form = fields.toForm();
		// caught here, not by PageErrorAdvice: the form is shown again with what was entered, on this response
		try {
			if (posted.hasErrors()) {
				throw InvalidInputException.of(posted);
			}
			accounts.createUser(form);
			redirect.addFlashAttribute("saved", form.username());
			return "redirect:/admin/users";
		}
		catch (InvalidInputException ex) {
			model.addAttribute("form", form);
			model.addAttribute("errors", ex.errors());
			return userForm(model);
		}
	}

	@PostMapping("/admin/users/{id}")
	String updateUser(@PathVariable long id, @ModelAttribute UserFormFields fields, BindingResult posted, Model model,
			RedirectAttributes redirect) {
		UserAccounts.UserForm form = fields.toForm();
		// caught here, not by PageErrorAdvice: the form is shown again with what was entered, on this response
		try {
			if (posted.hasErrors()) {
				throw InvalidInputException.of(posted);
			}
			accounts.updateUser(id, form);
			if (fields.password() != null && !fields.password().isBlank()) {
				accounts.resetPassword(id, fields.password());
			}
			redirect.addFlashAttribute("saved", form.username());
			return "redirect:/admin/users";
		}
		catch (InvalidInputException ex) {
			model.addAttribute("userId", id);
			model.addAttribute("form", form);
			model.addAttribute("errors", ex.errors());
			return userForm(model);
		}
	}

	/** The user form with the counties, parks and enterprises to pick from: nobody types an ID. */
	private String userForm(Model model) {
		model.addAttribute("roles", Role.userRoles());
		model.addAttribute("counties", directory.countyChoices());
		model.addAttribute("parks", directory.parkChoices());
		model.addAttribute("enterpriseChoices", directory.enterpriseChoices());
		return "platform/user-form";
	}

	@PostMapping("/admin/users/{id}/unlock")
	String unlockUser(@PathVariable long id, RedirectAttributes redirect) {
		redirect.addFlashAttribute("unlocked", accounts.unlock(id).username());
		return "redirect:/admin/users";
	}

	@GetMapping("/admin/audit")
	String audit(@RequestParam(required = false) String type, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "false") boolean raw, Model model) {
		int size = 50;
		page = Math.max(0, Math.min(page, 100_000));
		List<AuditLog.AuditEvent> events = audit.recent(type, size + 1, page * size);
		// by default each module's readable form of its states (a factor's citation, not its research notes); the
		// stored record unchanged behind the raw switch (the page is the city administrator's alone)
		model.addAttribute("events", raw ? events : events.stream().map(this::readable).toList());
		model.addAttribute("raw", raw);
		model.addAttribute("types", audit.entityTypes());
		model.addAttribute("type", type);
		model.addAttribute("page", page);
		model.addAttribute("size", size);
		return "platform/audit";
	}

	private AuditLog.AuditEvent readable(AuditLog.AuditEvent ev) {
		for (AuditView view : auditViews) {
			if (view.shows(ev.entityType())) {
				return new AuditLog.AuditEvent(ev.id(), ev.occurredAt(), ev.actor(), ev.action(), ev.entityType(), ev.entityId(),
						view.readable(ev.entityType(), ev.before()), view.readable(ev.entityType(), ev.after()));
			}
		}
		return ev;
	}

	/**
	 * The user form as posted, bound by Spring; the assigned enterprises come as the IDs of the ticked boxes (or
	 * comma-separated). A value that does not convert is an error naming its field.
	 */
	record UserFormFields(String username, String displayName, String password, Role role, String countyCode,
			Long parkId, Long enterpriseId, List<Long> assignedEnterprises, Boolean enabled) {

		UserAccounts.UserForm toForm() {
			Set<Long> assigned = new LinkedHashSet<>();
			if (assignedEnterprises != null) {
				assignedEnterprises.stream().filter(a -> a != null).forEach(assigned::add);
			}
			return new UserAccounts.UserForm(username == null ? null : username.strip(), displayName, password, role,
					countyCode == null || countyCode.isBlank() ? null : countyCode.strip(), parkId, enterpriseId, assigned,
					enabled != null && enabled);
		}
	}
}
