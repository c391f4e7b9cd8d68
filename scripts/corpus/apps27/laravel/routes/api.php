<?php
use App\Http\Controllers\OrderController;
use Illuminate\Support\Facades\Route;

Route::get('/health', fn () => ['status' => 'ok']);
Route::get('/orders/{id}', [OrderController::class, 'show']);
Route::post('/orders', [OrderController::class, 'store']);
Route::post('/orders/{id}/cancel', [OrderController::class, 'cancel']);
Route::get('/admin/reports', [OrderController::class, 'reports'])->middleware('auth.token');
Route::get('/exports', [OrderController::class, 'limited'])->middleware('throttle:1,1');
Route::get('/boom', [OrderController::class, 'boom']);
Route::get('/maintenance', [OrderController::class, 'maintenance']);
Route::get('/inventory', [OrderController::class, 'inventory']);
Route::get('/slow', [OrderController::class, 'slow']);
Route::post('/upload', [OrderController::class, 'upload']);
