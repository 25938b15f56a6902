package org.peakpilot;

import java.util.Map;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Makes the application's password encoder hash new passwords with BCrypt at its lowest cost (4) in tests, instead
 * of the production default 10: the same algorithm, format ({@code {bcrypt}$2a$04$…}) and checks, but about 1 ms
 * per hash instead of ~100 ms. Every HTTP Basic request, sign-in and created user of the suite hashes a password,
 * and the suite makes thousands of them. Hashes of any other kind or cost (e.g. stored at cost 10) are still checked
 * by the application's own encoder. Registered for all tests in {@code META-INF/spring.factories}.
 */
public class TestPasswordHashing implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		context.getBeanFactory().addBeanPostProcessor(new BeanPostProcessor() {
			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				return bean instanceof DelegatingPasswordEncoder original ? fast(original) : bean;
			}
		});
	}

	private static PasswordEncoder fast(PasswordEncoder original) {
		DelegatingPasswordEncoder fast = new DelegatingPasswordEncoder("bcrypt", Map.of("bcrypt", new BCryptPasswordEncoder(4)));
		// any other stored format ({noop}, {pbkdf2}, no prefix, ...) is the application's encoder's to judge
		fast.setDefaultPasswordEncoderForMatches(original);
		return fast;
	}
}
