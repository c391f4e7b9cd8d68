# Round-50 corpus: a bookings API on Sinatra (modular) under Puma in
# production, behind nginx (and behind HAProxy -> nginx):
# `puma -b tcp://127.0.0.1:PORT -e production sinatra_app.ru`.
require 'sinatra/base'
require 'json'

class Bookings < Sinatra::Base
  set :show_exceptions, false
  set :raise_errors, false

  before { content_type :json if request.path_info.start_with?('/api/') && request.path_info != '/api/boom' }

  get('/api/health') { { status: 'ok' }.to_json }

  get '/api/bookings/:id' do
    halt 404, { error: 'not_found', message: "Booking #{params[:id]} not found" }.to_json unless params[:id] == '1'
    { id: 1, room: '204' }.to_json
  end

  post '/api/bookings' do
    body = begin
      JSON.parse(request.body.read)
    rescue JSON::ParserError
      halt 400, { error: 'bad_request', message: 'request body is not valid JSON' }.to_json
    end
    halt 422, { errors: { nights: ['must be between 1 and 30'] } }.to_json unless (1..30).cover?(body['nights'].to_i)
    status 201
    { id: 2 }.to_json
  end

  delete('/api/bookings/:id') { halt 403, { error: 'forbidden', message: 'only the front desk may cancel a booking' }.to_json }

  post('/api/bookings/:id/checkin') { halt 409, { error: 'conflict', message: 'room 204 is not clean yet' }.to_json }

  get('/api/availability') { halt 503, { 'Retry-After' => '60' }, { error: 'unavailable', message: 'channel manager sync in progress' }.to_json }

  get '/api/boom' do
    nil.fetch(:rooms)
  end

  get '/api/slow' do
    sleep 6
    { status: 'late' }.to_json
  end
end

run Bookings
