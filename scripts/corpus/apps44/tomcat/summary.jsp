<%@ page contentType="text/html;charset=UTF-8" %>
<%-- order summary --%>
<%
    int total = orders.size();
%>
<html><body><p>Total: <%= total %></p></body></html>
