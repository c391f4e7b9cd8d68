<?php
namespace App\Http\Controllers;

use Illuminate\Auth\Access\AuthorizationException;
use Illuminate\Database\Eloquent\ModelNotFoundException;
use Illuminate\Http\Request;
use Illuminate\Routing\Controller;

// The orders API as a Laravel team writes it: $request->validate(),
// findOrFail() (here a stand-in repository that throws what findOrFail
// throws), Gate-style authorization, response()->json() for the rest.
class OrderController extends Controller
{
    private function findOrFail($id)
    {
        if ((string) $id !== '1') {
            throw (new ModelNotFoundException)->setModel('App\\Models\\Order', [$id]);
        }
        return ['id' => 1, 'sku' => 'A-1', 'qty' => 2];
    }

    public function show($id)
    {
        return response()->json(['data' => $this->findOrFail($id)]);
    }

    public function store(Request $request)
    {
        $data = $request->validate([
            'sku' => 'required|string|max:32',
            'qty' => 'required|integer|min:1',
        ]);
        return response()->json(['data' => ['id' => 2] + $data], 201);
    }

    public function cancel($id)
    {
        $this->findOrFail($id);
        return response()->json(['message' => 'This order has already shipped and cannot be cancelled.'], 409);
    }

    public function reports(Request $request)
    {
        // the token has no reports scope: what Gate::authorize() throws
        throw new AuthorizationException('This action is unauthorized.');
    }

    public function boom()
    {
        $order = null;
        return response()->json(['total' => $order->total()]);  // Error: a real bug
    }

    public function maintenance()
    {
        return response()->json(['message' => 'Payments are paused while we migrate providers.'], 503)
            ->header('Retry-After', '900');
    }

    public function inventory()
    {
        sleep(1);  // the stock service did not answer within 1 s
        return response()->json(['message' => 'The inventory service did not respond in time.', 'code' => 'inventory_timeout'], 504);
    }

    public function slow()
    {
        sleep(5);
        return response()->json(['status' => 'late']);
    }

    public function upload(Request $request)
    {
        return response()->json(['stored' => strlen($request->getContent())], 201);
    }

    public function limited()
    {
        return response()->json(['data' => []]);
    }
}
