package dev.emporium.platform.service.identity;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/** Enforces {@link RequireRole} before the handler's arguments (and so its body) are resolved. */
class RequireRoleInterceptor implements HandlerInterceptor {

  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
    if (handler instanceof HandlerMethod method) {
      RequireRole required = AnnotatedElementUtils.findMergedAnnotation(method.getMethod(), RequireRole.class);
      if (required == null) {
        required = AnnotatedElementUtils.findMergedAnnotation(method.getBeanType(), RequireRole.class);
      }
      if (required != null) {
        Access.requireRole(CallerFilter.of(request), required.value());
      }
    }
    return true;
  }
}
