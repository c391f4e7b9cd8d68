<%@ page contentType="text/html;charset=UTF-8" %>
<%-- invoice view --%>
<%
    String id = request.getParameter("id");
    int n = Integer.parseInt(id);
%>
<html><body><h1>Invoice <%= n %></h1></body></html>
