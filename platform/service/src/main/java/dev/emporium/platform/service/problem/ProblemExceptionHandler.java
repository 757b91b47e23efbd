package dev.emporium.platform.service.problem;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;

/**
 * Turns every exception that reaches Spring MVC into an RFC 9457 problem: Spring's own (bad JSON,
 * unknown route, wrong method, validation) with precise details, {@link ProblemException}s as
 * thrown, and anything else as a 500 that says nothing but the trace id (the cause goes to the log).
 * Every problem carries {@code instance} (the request path) and {@code traceId}.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class ProblemExceptionHandler extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemExceptionHandler.class);

  private final TraceIds traceIds;

  public ProblemExceptionHandler(TraceIds traceIds) {
    this.traceIds = traceIds;
  }

  /** The last resort: a bug or an unavailable dependency. The client learns only the trace id. */
  @ExceptionHandler(Exception.class)
  public ResponseEntity<Object> handleUnexpected(Exception ex, WebRequest request) {
    log.error("unhandled exception answering {}", describe(request), ex);
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
        "An unexpected error occurred. Quote the trace id when reporting it.");
    return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.INTERNAL_SERVER_ERROR, request);
  }

  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    List<FieldViolation> errors = new ArrayList<>();
    for (ObjectError error : ex.getBindingResult().getAllErrors()) {
      errors.add(violation(error));
    }
    return validationProblem(ex, errors, headers, request);
  }

  @Override
  protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    List<FieldViolation> errors = new ArrayList<>();
    ex.getParameterValidationResults().forEach(result -> {
      String parameter = parameterName(result.getMethodParameter());
      for (MessageSourceResolvable error : result.getResolvableErrors()) {
        if (error instanceof ObjectError objectError) {
          errors.add(violation(objectError));
        } else {
          errors.add(FieldViolation.of(parameter, error.getDefaultMessage(), lastCode(error),
              unwrapViolation(() -> result.unwrap(error, ConstraintViolation.class))));
        }
      }
    });
    return validationProblem(ex, errors, headers, request);
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    String detail = "The request body is missing or is not valid JSON.";
    if (ex.getCause() instanceof JacksonException json && !json.getPath().isEmpty()) {
      detail = "The value of '" + jsonPath(json) + "' has the wrong type or format.";
    }
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
    problem.setType(ProblemType.MALFORMED_BODY.uri());
    problem.setTitle(ProblemType.MALFORMED_BODY.title());
    return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
  }

  @Override
  protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException ex, HttpHeaders headers,
      HttpStatusCode status, WebRequest request) {
    return noRoute(ex, headers, request);
  }

  @Override
  protected ResponseEntity<Object> handleNoHandlerFoundException(NoHandlerFoundException ex, HttpHeaders headers,
      HttpStatusCode status, WebRequest request) {
    return noRoute(ex, headers, request);
  }

  @Override
  protected ResponseEntity<Object> handleHttpRequestMethodNotSupported(HttpRequestMethodNotSupportedException ex,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.METHOD_NOT_ALLOWED,
        ex.getMethod() + " is not supported here; allowed: " + String.join(", ",
            ex.getSupportedMethods() == null ? new String[0] : ex.getSupportedMethods()));
    return handleExceptionInternal(ex, problem, headers, HttpStatus.METHOD_NOT_ALLOWED, request);
  }

  /** Every problem passes here: type and title by status where none was set, path, trace id. */
  @Override
  protected ResponseEntity<Object> handleExceptionInternal(Exception ex, @Nullable Object body, HttpHeaders headers,
      HttpStatusCode statusCode, WebRequest request) {
    ProblemDetail problem;
    if (body instanceof ProblemDetail given) {
      problem = given;
    } else if (body == null && ex instanceof ErrorResponse errorResponse) {
      problem = errorResponse.updateAndGetBody(getMessageSource(), LocaleContextHolder.getLocale());
    } else {
      problem = ProblemDetail.forStatus(statusCode);
    }
    HttpServletRequest servletRequest = ((NativeWebRequest) request).getNativeRequest(HttpServletRequest.class);
    Problems.complete(problem, statusCode.value(), servletRequest, traceIds);
    if (statusCode.is4xxClientError()) {
      log.debug("{} answered {}: {}", describe(request), statusCode.value(), problem.getDetail());
    }
    return super.handleExceptionInternal(ex, problem, headers, statusCode, request);
  }

  private ResponseEntity<Object> validationProblem(Exception ex, List<FieldViolation> errors, HttpHeaders headers,
      WebRequest request) {
    errors.sort(Comparator.comparing(FieldViolation::field).thenComparing(FieldViolation::message));
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
        errors.size() == 1 ? "1 field is invalid: " + errors.getFirst().field()
            : errors.size() + " fields are invalid: " + String.join(", ",
                errors.stream().map(FieldViolation::field).distinct().toList()));
    problem.setType(ProblemType.VALIDATION.uri());
    problem.setTitle(ProblemType.VALIDATION.title());
    problem.setProperty("errors", List.copyOf(errors));
    return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
  }

  private ResponseEntity<Object> noRoute(Exception ex, HttpHeaders headers, WebRequest request) {
    HttpServletRequest servletRequest = ((NativeWebRequest) request).getNativeRequest(HttpServletRequest.class);
    String target = servletRequest == null ? "this path"
        : servletRequest.getMethod() + " " + servletRequest.getRequestURI();
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No resource answers " + target);
    problem.setType(ProblemType.NO_ROUTE.uri());
    problem.setTitle(ProblemType.NO_ROUTE.title());
    return handleExceptionInternal(ex, problem, headers, HttpStatus.NOT_FOUND, request);
  }

  private static FieldViolation violation(ObjectError error) {
    String field = error instanceof FieldError fieldError ? fieldError.getField() : error.getObjectName();
    return FieldViolation.of(field, error.getDefaultMessage(), error.getCode(),
        unwrapViolation(() -> error.unwrap(ConstraintViolation.class)));
  }

  private static @Nullable ConstraintViolation<?> unwrapViolation(java.util.function.Supplier<Object> unwrap) {
    try {
      return unwrap.get() instanceof ConstraintViolation<?> violation ? violation : null;
    } catch (IllegalArgumentException notAViolation) {
      return null;
    }
  }

  private static @Nullable String lastCode(MessageSourceResolvable error) {
    String[] codes = error.getCodes();
    return codes == null || codes.length == 0 ? null : codes[codes.length - 1];
  }

  private static String parameterName(org.springframework.core.MethodParameter parameter) {
    RequestParam requestParam = parameter.getParameterAnnotation(RequestParam.class);
    if (requestParam != null && !requestParam.name().isEmpty()) {
      return requestParam.name();
    }
    RequestHeader requestHeader = parameter.getParameterAnnotation(RequestHeader.class);
    if (requestHeader != null && !requestHeader.name().isEmpty()) {
      return requestHeader.name();
    }
    String name = parameter.getParameterName();
    return name == null ? "argument " + parameter.getParameterIndex() : name;
  }

  private static String jsonPath(JacksonException json) {
    StringBuilder path = new StringBuilder();
    for (JacksonException.Reference reference : json.getPath()) {
      if (reference.getPropertyName() != null) {
        if (!path.isEmpty()) {
          path.append('.');
        }
        path.append(reference.getPropertyName());
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  private static String describe(WebRequest request) {
    HttpServletRequest servletRequest = ((NativeWebRequest) request).getNativeRequest(HttpServletRequest.class);
    return servletRequest == null ? request.getDescription(false)
        : servletRequest.getMethod() + " " + servletRequest.getRequestURI();
  }
}
